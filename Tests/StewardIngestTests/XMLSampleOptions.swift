import StewardIngest

/// The `XMLOptions` of `testdata/sources/xml/*.yaml.fragment` (the pipeline mappings shipped with the samples),
/// value for value, so the tests read the samples exactly as a pipeline run will.
enum XMLSampleOptions {
    static let salesforce = XMLOptions(
        recordPath: "/Export/Contacts/Contact",
        fields: [
            .init(field: "source_id", path: "@id"),
            .init(field: "name_prefix", path: "Salutation"),
            .init(field: "given_name", path: "FirstName"),
            .init(field: "family_name", path: "LastName"),
            .init(field: "title", path: "Title"),
            .init(field: "organization", path: "Account/@name"),
            .init(field: "emails", path: "Email"),
            .init(field: "phones", path: "Phones/Phone"),
            .init(field: "street", path: "MailingAddress/Street"),
            .init(field: "city", path: "MailingAddress/City"),
            .init(field: "region", path: "MailingAddress/State"),
            .init(field: "postal_code", path: "MailingAddress/PostalCode"),
            .init(field: "country", path: "MailingAddress/Country"),
            .init(field: "updated_at", path: "LastModifiedDate"),
            .init(field: "lead_source", path: "LeadSource"),
            .init(field: "notes", path: "Description"),
        ])

    static let atom = "http://www.w3.org/2005/Atom"
    static let data = "http://schemas.microsoft.com/ado/2007/08/dataservices"
    static let metadata = "http://schemas.microsoft.com/ado/2007/08/dataservices/metadata"

    static let dynamics: XMLOptions = {
        let p = "a:content/m:properties/"
        return XMLOptions(
            recordPath: "/a:feed/a:entry",
            fields: [
                .init(field: "source_id", path: p + "d:ContactId"),
                .init(field: "name_prefix", path: p + "d:Salutation"),
                .init(field: "given_name", path: p + "d:FirstName"),
                .init(field: "family_name", path: p + "d:LastName"),
                .init(field: "full_name", path: p + "d:FullName"),
                .init(field: "title", path: p + "d:JobTitle"),
                .init(field: "organization", path: p + "d:ParentCustomerId/d:Name"),
                .init(field: "emails", path: p + "d:EMailAddress1"),
                .init(field: "emails", path: p + "d:EMailAddress2"),
                .init(field: "phones", path: p + "d:Telephone1"),
                .init(field: "phones", path: p + "d:MobilePhone"),
                .init(field: "street", path: p + "d:Address1_Line1"),
                .init(field: "city", path: p + "d:Address1_City"),
                .init(field: "region", path: p + "d:Address1_StateOrProvince"),
                .init(field: "postal_code", path: p + "d:Address1_PostalCode"),
                .init(field: "country", path: p + "d:Address1_Country"),
                .init(field: "notes", path: p + "d:Description"),
                .init(field: "updated_at", path: p + "d:ModifiedOn"),
                .init(field: "etag", path: "@m:etag"),
            ],
            namespaces: ["a": atom, "d": data, "m": metadata])
    }()
}
