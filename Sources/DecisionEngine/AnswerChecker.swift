import PlaybookSpec

/// The verdict on a reply to a question.
public enum AnswerCheck: Sendable, Equatable {
    /// The value stored in the question's variable (a choice in its canonical spelling).
    case accepted(String)
    /// Why the reply cannot be used, in plain words; the question stays pending.
    case rejected(String)
}

/// Checks replies against a question's choices, pattern and default.
enum AnswerChecker {
    static func check(_ reply: String, for question: Question, defaultValue: String?) -> AnswerCheck {
        var value = String(reply.trimmingWhitespace())
        if value.isEmpty, let defaultValue { value = defaultValue }
        if !question.choices.isEmpty {
            if let choice = question.choices.first(where: { $0.lowercased() == value.lowercased() }) {
                return .accepted(choice)
            }
            if let number = Int(value), question.choices.indices.contains(number - 1) {
                return .accepted(question.choices[number - 1])
            }
            return .rejected("Please answer with one of: \(question.choices.joined(separator: ", ")).")
        }
        if let pattern = question.pattern {
            // A secret answer is never quoted back.
            let shown = question.secret ? "That answer" : "\"\(value)\""
            do {
                return try pattern.firstMatch(in: value, within: MatchBudget()) != nil
                    ? .accepted(value)
                    : .rejected(
                        "\(shown) does not have the form this question asks for."
                            + (question.example.map { " For example: \($0)" } ?? " Read the question again for the form it wants."))
            } catch {
                return .rejected(
                    "gotriage stopped checking this answer against \(pattern.source) after "
                        + "\(MatchBudget.stepMilliseconds) ms: the pattern backtracks too much on it. Type a shorter answer.")
            }
        }
        return value.isEmpty ? .rejected("Please type an answer.") : .accepted(value)
    }
}
