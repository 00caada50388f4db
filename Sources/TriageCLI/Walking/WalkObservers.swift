/// Hands every event of a walk to several observers, in order (the screen, then the recorder).
public final class WalkObservers: WalkObserver {
    private let observers: [any WalkObserver]

    public init(_ observers: [any WalkObserver]) { self.observers = observers }

    public func handle(_ event: WalkEvent) {
        for observer in observers { observer.handle(event) }
    }
}
