import Testing

@Test func placeholderTriageCLITests() { #expect(Bool(true)) }
