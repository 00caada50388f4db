import Testing

@Test func placeholderDecisionEngineTests() { #expect(Bool(true)) }
