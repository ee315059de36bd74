import StewardModel

/// The cannot-link constraints of a clustering run, tracked per component so a union can be refused.
///
/// Each constraint is registered on the components of both its records; when two components join, the smaller
/// component's list moves into the larger one's. A constraint never ends inside one component (the union that would
/// put it there is refused), so two components are kept apart exactly when the smaller of their two lists holds a
/// constraint whose other record lies in the other component. Components without constraints (nearly all) cost one
/// array read per union.
struct CannotLinks {
    /// One constraint: a given cannot-link (`pair == nil`) or a pair decided `no_merge_by_rule`.
    struct Constraint {
        var a: Int32
        var b: Int32
        var pair: Int?
    }

    private(set) var constraints: [Constraint] = []
    /// Per root: index into `lists`, or -1 when the component has no constraint.
    private var listOf: ContiguousArray<Int32>
    /// Constraint ids per component.
    private var lists: [[Int32]] = []

    init(count: Int) {
        listOf = ContiguousArray(repeating: -1, count: count)
    }

    var isEmpty: Bool { constraints.isEmpty }

    /// Registers a constraint between two records that are still singletons.
    mutating func add(_ constraint: Constraint) {
        let id = Int32(constraints.count)
        constraints.append(constraint)
        for record in [constraint.a, constraint.b] {
            let list = listOf[Int(record)]
            if list >= 0 {
                lists[Int(list)].append(id)
            } else {
                listOf[Int(record)] = Int32(lists.count)
                lists.append([id])
            }
        }
    }

    /// The smallest id of a constraint between the components of roots `a` and `b`, if any.
    /// - Complexity: O(k) `find`s, k the length of the shorter of the two constraint lists.
    func blocking(_ a: Int32, _ b: Int32, _ sets: inout UnionFind) -> Int? {
        let listA = listOf[Int(a)]
        let listB = listOf[Int(b)]
        guard listA >= 0, listB >= 0 else { return nil }
        let (list, other) =
            lists[Int(listA)].count <= lists[Int(listB)].count ? (lists[Int(listA)], b) : (lists[Int(listB)], a)
        var found: Int32?
        for id in list where found.map({ id < $0 }) ?? true {
            let constraint = constraints[Int(id)]
            let rootA = sets.find(constraint.a)
            let rootB = sets.find(constraint.b)
            if rootA == other || rootB == other { found = id }
        }
        return found.map(Int.init)
    }

    /// Moves the constraints of `child` (just attached under `root`) to `root`, smaller list into larger.
    mutating func merge(root: Int32, child: Int32) {
        let from = listOf[Int(child)]
        guard from >= 0 else { return }
        listOf[Int(child)] = -1
        let into = listOf[Int(root)]
        guard into >= 0 else {
            listOf[Int(root)] = from
            return
        }
        if lists[Int(into)].count >= lists[Int(from)].count {
            lists[Int(into)].append(contentsOf: lists[Int(from)])
            lists[Int(from)] = []
        } else {
            lists[Int(from)].append(contentsOf: lists[Int(into)])
            lists[Int(into)] = []
            listOf[Int(root)] = from
        }
    }
}
