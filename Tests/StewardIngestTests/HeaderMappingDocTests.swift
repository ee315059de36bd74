import Foundation
import StewardTestSupport
import Testing

@testable import StewardIngest

/// The README's header alias table is generated from `HeaderMapping.aliases` (scripts/docs/header_aliases.py);
/// this test fails when the code gains an alias the README does not list.
@Suite("Header mapping documentation")
struct HeaderMappingDocTests {
    @Test("README lists every header alias")
    func readmeListsAliases() throws {
        let readme = try String(
            contentsOf: Fixtures.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let begin = try #require(readme.range(of: "<!-- header-aliases:begin"))
        let end = try #require(readme.range(of: "<!-- header-aliases:end -->"))
        let section = readme[begin.upperBound..<end.lowerBound]
        let missing = HeaderMapping.aliases.map(\.header).filter { !section.contains("`\($0)`") }
        #expect(missing.isEmpty, "regenerate with python3 scripts/docs/header_aliases.py; missing: \(missing)")
        #expect(HeaderMapping.aliases.count > 100)
    }
}
