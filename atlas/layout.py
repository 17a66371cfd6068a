"""A deterministic force layout (Fruchterman–Reingold) with numpy: each connected part of the
graph is laid out on its own, then the parts are packed in rows, largest first, so a graph of a
few hundred nodes takes milliseconds and the same data always gives the same picture."""

import math

import numpy as np

SIZE = 1000.0  # the width the packed layout is scaled to
ITERATIONS = 120
BLOCK = 1024  # rows of the all-pairs repulsion computed at once (memory stays small)


def components(count, edges):
    parent = list(range(count))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups = {}
    for i in range(count):
        groups.setdefault(find(i), []).append(i)
    # Largest first, then by first node (the input's order): deterministic.
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def spring(count, edges, iterations=ITERATIONS):
    """Positions (count × 2) with an ideal edge length of 1, centred on 0."""
    if count == 1:
        return np.zeros((1, 2))
    angle = np.arange(count) * 2.399963  # the golden angle: a spread, seeded by order alone
    radius = np.sqrt(np.arange(count) + 0.5)
    position = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    edges = np.array(edges, dtype=int).reshape(-1, 2)
    temperature = math.sqrt(count) / 2
    for step in range(iterations):
        move = np.zeros_like(position)
        for start in range(0, count, BLOCK):
            delta = position[start : start + BLOCK, None, :] - position[None, :, :]
            distance2 = np.maximum((delta**2).sum(axis=2), 1e-4)
            move[start : start + BLOCK] += (delta / distance2[:, :, None]).sum(axis=1)
        if len(edges):
            delta = position[edges[:, 0]] - position[edges[:, 1]]
            distance = np.maximum(np.sqrt((delta**2).sum(axis=1)), 1e-4)
            pull = delta * distance[:, None]
            np.add.at(move, edges[:, 0], -pull)
            np.add.at(move, edges[:, 1], pull)
        # A weak pull to the centre keeps loose ends from drifting off.
        move -= position * 0.05
        length = np.maximum(np.sqrt((move**2).sum(axis=1)), 1e-9)
        limit = temperature * (1 - step / iterations) + 0.01
        position += move / length[:, None] * np.minimum(length, limit)[:, None]
    return position - position.mean(axis=0)


def force_layout(nodes, edges):
    """{node: (x, y)} for the node names and edges (pairs of names), and the length of an
    ideal edge in the result (the drawing sizes its circles by it)."""
    index = {node: i for i, node in enumerate(nodes)}
    pairs = [(index[a], index[b]) for a, b in edges]
    placed = {}
    parts = []
    for group in components(len(nodes), pairs):
        local = {node: i for i, node in enumerate(group)}
        part_edges = [(local[a], local[b]) for a, b in pairs if a in local]
        position = spring(len(group), part_edges)
        radius = float(np.sqrt((position**2).sum(axis=1)).max()) + 1.0
        parts.append((group, position, radius))
    # Rows of parts, largest first, in a square about as wide as all parts' area needs.
    width = math.sqrt(sum((2 * r) ** 2 for _g, _p, r in parts)) * 1.15 if parts else 1.0
    width = max(width, 2 * max((r for _g, _p, r in parts), default=1.0))
    x = y = row = 0.0
    for group, position, radius in parts:
        if x + 2 * radius > width and x > 0:
            x, y, row = 0.0, y + row, 0.0
        centre = (x + radius, y + radius)
        for i, node in enumerate(group):
            placed[node] = (centre[0] + position[i, 0], centre[1] + position[i, 1])
        x += 2 * radius
        row = max(row, 2 * radius)
    scale = SIZE / width
    positions = {nodes[i]: (round(px * scale, 1), round(py * scale, 1)) for i, (px, py) in placed.items()}
    return positions, scale
