import Testing

@Test func placeholderHostEffectsTests() { #expect(Bool(true)) }
