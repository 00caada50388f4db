/// The modules the fault lab serves, by path and version; every lab test names them from here.
public enum LabModule {
    /// A public-looking module, served by the lab's module proxy.
    public static let hello = (path: "example.com/hello", version: "v1.0.0")
    /// A private module with a `.git` qualifier, so go 1.19 asks git for it directly (no
    /// `?go-get=1` lookup); git's `insteadOf` sends it to a lab server.
    public static let privateLib = (path: "private.example.com/team/lib.git", version: "v1.0.0")
}
