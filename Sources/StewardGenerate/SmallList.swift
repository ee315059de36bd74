/// Up to three values stored inline, without a heap allocation: the emails or phones one record shows.
struct SmallList<Element: Equatable>: Sequence {
    private var storage: (Element?, Element?, Element?) = (nil, nil, nil)
    private(set) var count = 0

    init() {}

    init(_ element: Element) {
        append(element)
    }

    var isEmpty: Bool { count == 0 }

    /// Appends `element`; a fourth one is dropped.
    mutating func append(_ element: Element) {
        switch count {
        case 0: storage.0 = element
        case 1: storage.1 = element
        case 2: storage.2 = element
        default: return
        }
        count += 1
    }

    subscript(index: Int) -> Element? {
        guard index < count else { return nil }
        switch index {
        case 0: return storage.0
        case 1: return storage.1
        default: return storage.2
        }
    }

    /// The list without the values equal to `element`.
    func removing(_ element: Element) -> SmallList {
        var out = SmallList()
        for value in self where value != element { out.append(value) }
        return out
    }

    struct Iterator: IteratorProtocol {
        let list: SmallList
        var index = 0

        mutating func next() -> Element? {
            defer { index += 1 }
            return list[index]
        }
    }

    func makeIterator() -> Iterator { Iterator(list: self) }
}
