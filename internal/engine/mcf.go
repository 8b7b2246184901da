package engine

// flowGraph is a small min-cost flow network solved by successive shortest
// paths with Bellman-Ford (SPFA), which tolerates the negative costs used to
// force lower bounds. Networks here have a few hundred nodes at most.
type flowGraph struct {
	head []int
	to   []int
	next []int
	cap  []int
	cost []int
}

func newFlowGraph(n int) *flowGraph {
	g := &flowGraph{head: make([]int, n)}
	for i := range g.head {
		g.head[i] = -1
	}
	return g
}

// edge adds u→v and returns its index; index^1 is the reverse edge.
func (g *flowGraph) edge(u, v, capacity, cost int) int {
	e := len(g.to)
	g.to = append(g.to, v, u)
	g.cap = append(g.cap, capacity, 0)
	g.cost = append(g.cost, cost, -cost)
	g.next = append(g.next, g.head[u], g.head[v])
	g.head[u] = e
	g.head[v] = e + 1
	return e
}

// flow returns the flow on edge e.
func (g *flowGraph) flow(e int) int { return g.cap[e^1] }

// run sends up to want units from s to t at least cost and returns the units
// sent and their cost.
func (g *flowGraph) run(s, t, want int) (sent, total int) {
	n := len(g.head)
	const inf = int(^uint(0) >> 2)
	dist := make([]int, n)
	prevEdge := make([]int, n)
	inQueue := make([]bool, n)
	queue := make([]int, 0, n)
	for sent < want {
		for i := range dist {
			dist[i] = inf
			prevEdge[i] = -1
		}
		dist[s] = 0
		queue = append(queue[:0], s)
		inQueue[s] = true
		for qi := 0; qi < len(queue); qi++ {
			u := queue[qi]
			inQueue[u] = false
			for e := g.head[u]; e >= 0; e = g.next[e] {
				if g.cap[e] > 0 && dist[u]+g.cost[e] < dist[g.to[e]] {
					v := g.to[e]
					dist[v] = dist[u] + g.cost[e]
					prevEdge[v] = e
					if !inQueue[v] {
						inQueue[v] = true
						queue = append(queue, v)
					}
				}
			}
		}
		if dist[t] == inf {
			break
		}
		push := want - sent
		for v := t; v != s; v = g.to[prevEdge[v]^1] {
			push = min(push, g.cap[prevEdge[v]])
		}
		for v := t; v != s; v = g.to[prevEdge[v]^1] {
			e := prevEdge[v]
			g.cap[e] -= push
			g.cap[e^1] += push
		}
		sent += push
		total += push * dist[t]
	}
	return sent, total
}
