internal import CEditLine

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// libedit calls back through C function pointers, which cannot capture context: these top-level
// functions find their EditLineReader through EL_CLIENTDATA and forward to it.

/// EL_PROMPT_ESC callback: the prompt of the reader installed on `editLine`.
func editLinePrompt(_ editLine: OpaquePointer?) -> UnsafeMutablePointer<CChar>? {
    EditLineReader.installed(on: editLine)?.currentPrompt ?? emptyPrompt
}

/// EL_GETCFN callback: reads one character, or reports end of input (0) or Ctrl-C/error (-1).
func editLineReadCharacter(_ editLine: OpaquePointer?, _ character: UnsafeMutablePointer<wchar_t>?) -> Int32 {
    guard let reader = EditLineReader.installed(on: editLine), let character else { return -1 }
    return reader.readCharacter(into: character)
}

/// EL_ADDFN callback bound to Tab.
func editLineComplete(_ editLine: OpaquePointer?, _ key: Int32) -> UInt8 {
    EditLineReader.installed(on: editLine)?.completeWord() ?? UInt8(CC_ERROR)
}

/// A prompt for the impossible case of a callback without a reader (libedit must never get NULL).
private nonisolated(unsafe) let emptyPrompt: UnsafeMutablePointer<CChar> = {
    let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: 1)
    pointer.initialize(to: 0)
    return pointer
}()
