// Package configs holds the plan files that ship inside the rota binary, so
// the planner can show a real plan on a machine that has none yet.
package configs

import _ "embed"

// Cumbria is the bundled reference plan: Cumbria County Council's CCCS
// distributed leadership rota, July 2022 to March 2023.
//
//go:embed cumbria-cccs-2022.toml
var Cumbria []byte

// CumbriaName is the file name the bundled plan is imported under.
const CumbriaName = "cumbria-cccs-2022.toml"
