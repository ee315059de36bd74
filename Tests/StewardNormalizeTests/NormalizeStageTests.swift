import StewardModel
import Testing

@testable import StewardNormalize

@Suite("Normalize stage")
struct NormalizeStageTests {
    func record(_ build: (inout RecordFields) -> Void) -> SourceRecord {
        var fields = RecordFields()
        build(&fields)
        return SourceRecord(
            source: "t", sourceID: "1", location: SourceLocation(file: "t.csv", line: 2), fields: fields)
    }

    @Test("the record's country sets the phone region; the default region applies otherwise")
    func phoneRegion() {
        let german = record {
            $0.set(.country, "Deutschland")
            $0.addPhone("030 1234567")
        }
        let unknown = record { $0.addPhone("(415) 555-0100 x12") }
        let out = NormalizeStage.run([german, unknown], options: NormalizeOptions(defaultRegion: "US"))
        #expect(out[0].phones == [NormalizedPhone(e164: "+49301234567", region: "DE")])
        #expect(out[1].phones == [NormalizedPhone(e164: "+14155550100", extension: "12", region: "US")])
    }

    @Test("invalid values are kept with their reason; duplicates after normalization collapse")
    func invalidAndDuplicates() throws {
        let r = record {
            $0.set(.givenName, "BOB")
            $0.set(.familyName, "SMITH")
            $0.set(.organization, "Acme, Inc.")
            $0.addEmail("Bob@Acme.example")
            $0.addEmail("bob@acme.example")
            $0.addEmail("not-an-email")
            $0.addPhone("n/a")
        }
        let out = try #require(NormalizeStage.run([r], options: NormalizeOptions()).first)
        #expect(out.emails.map(\.address) == ["bob@acme.example"])
        #expect(out.invalid.map(\.field) == [.emails, .phones])
        #expect(out.invalid.map(\.value) == ["not-an-email", "n/a"])
        #expect(out.invalid.allSatisfy { !$0.reason.isEmpty })
        #expect(out.organizationKey == "acme")
        #expect(out.name?.key == "bob smith")
        #expect(out.name?.givenCanonical == "robert")
        #expect(out.name?.given == "Bob")
    }

    @Test("without any region, a national number is invalid with the reason, not guessed")
    func noRegion() throws {
        let r = record { $0.addPhone("030 1234567") }
        let out = try #require(NormalizeStage.run([r], options: NormalizeOptions()).first)
        #expect(out.phones.isEmpty)
        #expect(out.invalid.count == 1)
    }
}
