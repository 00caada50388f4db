import Testing

@Test func placeholderLineEditingTests() { #expect(Bool(true)) }
