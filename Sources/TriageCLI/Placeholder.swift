enum TriageCLIPlaceholder {}
