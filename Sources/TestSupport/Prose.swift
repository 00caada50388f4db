extension String {
    /// The text with every run of white space (line breaks and indents too) made one space: a
    /// sentence laid out over lines of a terminal's width, as one line to look for words in.
    public var asProse: String {
        split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
