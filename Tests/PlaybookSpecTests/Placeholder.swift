import Testing

@Test func placeholderPlaybookSpecTests() { #expect(Bool(true)) }
