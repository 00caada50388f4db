enum DecisionEnginePlaceholder {}
