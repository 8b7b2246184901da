package change

import (
	"bytes"
	"compress/flate"
	"encoding/json"
	"fmt"
	"io"
	"sort"

	"rota/internal/plan"
)

// CheckpointFormat is the layout of checkpoint data. Checkpoints are a cache
// of replayed history: a loader that meets another format ignores them and
// replays. They hold the plan as JSON of plan.Plan, which reads about ten
// times faster than its plan file; so when plan.Plan changes shape, this
// number must change too (TestCheckpointFormatFollowsPlanShape says when).
const CheckpointFormat = 5

type checkpointData struct {
	Plan  *plan.Plan `json:"plan"`
	Cells []entry    `json:"cells"`
}

// EncodeCheckpoint writes st compactly: the plan and its cells as JSON,
// deflated.
func EncodeCheckpoint(st *State) ([]byte, error) {
	cp := checkpointData{Plan: st.Plan}
	keys := make([]slot, 0, len(st.cells))
	for k := range st.cells {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].role != keys[j].role {
			return keys[i].role < keys[j].role
		}
		return keys[i].key < keys[j].key
	})
	for _, k := range keys {
		c := st.cells[k]
		w := c.who
		cp.Cells = append(cp.Cells, entry{Role: k.role, Key: k.keyString(), Who: &w, Pin: c.pin})
	}
	raw, err := json.Marshal(cp)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	zw, _ := flate.NewWriter(&b, flate.BestSpeed)
	if _, err := zw.Write(raw); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func DecodeCheckpoint(data []byte) (*State, error) {
	raw, err := io.ReadAll(flate.NewReader(bytes.NewReader(data)))
	if err != nil {
		return nil, err
	}
	var cp checkpointData
	if err := json.Unmarshal(raw, &cp); err != nil {
		return nil, err
	}
	if cp.Plan == nil {
		return nil, fmt.Errorf("a checkpoint without a plan")
	}
	st := &State{Plan: cp.Plan, cells: make(map[slot]cell, len(cp.Cells))}
	for _, en := range cp.Cells {
		k, err := parseSlot(en.Role, en.Key)
		if err != nil || en.Who == nil {
			return nil, fmt.Errorf("bad checkpoint cell %v", en)
		}
		st.cells[k] = cell{who: *en.Who, pin: en.Pin}
	}
	return st, nil
}
