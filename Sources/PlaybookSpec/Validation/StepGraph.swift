/// The steps of all playbooks as one directed graph: `next`, `goto`, `else` and `jump` edges.
///
/// Nodes are the global step numbers of `PlaybookIndex`. Every algorithm here is linear in the
/// number of steps plus edges, and none recurses, so deep playbooks cannot exhaust the stack.
struct StepGraph {
    /// Per node: the nodes it can lead to.
    let successors: [[Int]]

    /// Which nodes a walk can reach from `roots`.
    func reachable(from roots: [Int]) -> [Bool] {
        var seen = [Bool](repeating: false, count: successors.count)
        var stack = roots
        while let node = stack.popLast() {
            guard !seen[node] else { continue }
            seen[node] = true
            stack.append(contentsOf: successors[node])
        }
        return seen
    }

    /// The strongly connected components that contain a cycle (several nodes, or one node with
    /// an edge to itself), found with Tarjan's algorithm run iteratively.
    func cycles() -> [[Int]] {
        let count = successors.count
        var order = [Int](repeating: -1, count: count)
        var lowLink = [Int](repeating: 0, count: count)
        var onStack = [Bool](repeating: false, count: count)
        var stack: [Int] = []
        var components: [[Int]] = []
        var counter = 0
        // Each frame: the node and how many of its successors have been looked at.
        var frames: [(node: Int, next: Int)] = []
        for root in 0..<count where order[root] < 0 {
            frames.append((root, 0))
            order[root] = counter
            lowLink[root] = counter
            counter += 1
            stack.append(root)
            onStack[root] = true
            while let frame = frames.last {
                let node = frame.node
                if frame.next < successors[node].count {
                    frames[frames.count - 1].next += 1
                    let successor = successors[node][frame.next]
                    if order[successor] < 0 {
                        order[successor] = counter
                        lowLink[successor] = counter
                        counter += 1
                        stack.append(successor)
                        onStack[successor] = true
                        frames.append((successor, 0))
                    } else if onStack[successor] {
                        lowLink[node] = min(lowLink[node], order[successor])
                    }
                    continue
                }
                frames.removeLast()
                if let parent = frames.last?.node { lowLink[parent] = min(lowLink[parent], lowLink[node]) }
                guard lowLink[node] == order[node] else { continue }
                var component: [Int] = []
                while let member = stack.popLast() {
                    onStack[member] = false
                    component.append(member)
                    if member == node { break }
                }
                if component.count > 1 || successors[node].contains(node) { components.append(component) }
            }
        }
        return components
    }

    /// A shortest path `start → … → start` inside `component` (which must contain a cycle through
    /// `start`), as a list of nodes beginning and ending with `start`.
    func loop(through start: Int, within component: Set<Int>) -> [Int] {
        var parent: [Int: Int] = [:]
        var queue = [start]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for successor in successors[node] where component.contains(successor) {
                if successor == start {
                    var path = [start]
                    var current = node
                    while current != start {
                        path.append(current)
                        current = parent[current] ?? start
                    }
                    path.append(start)
                    return Array(path.reversed())
                }
                if parent[successor] == nil, successor != start {
                    parent[successor] = node
                    queue.append(successor)
                }
            }
        }
        return [start, start]
    }
}
