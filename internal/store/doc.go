// Package store keeps saved plans in a SQLite database: SQL only, and the
// only code that touches it. Every decision (what a change does, the
// conflict rule, who may do what) is package backend's, which reaches the
// rows through the Store and Tx interfaces, so that another database could
// sit behind them.
//
// # Model
//
// A plan (a unique name such as "cccs") has lines of history: its own and
// one per what-if scenario, which starts from a plan version (its base) and
// continues its numbers. A line is a run of numbered versions, each a
// Record: the change as asked and the effect it had, both JSON as package
// change writes them, with its author, time and note. Checkpoints (at
// version 1 and every 50, see CheckpointDue) are a cache of a line's state,
// so that loading never replays much.
//
//	st, err := store.Open(path)     // *SQLite: creates the file (0600) when missing
//	err = st.Write(ctx, func(tx store.Tx) error {
//		l, err := tx.Line(ctx, store.Ref{Plan: "cccs"})
//		…
//		return tx.Insert(ctx, l, rec, nil, title)
//	})
//
// Write holds the database's write lock from its first read (BEGIN
// IMMEDIATE), so two processes can never both write version N+1. Open
// refuses a file that is not a rota database (*NotRotaError) or was written
// by a newer rota (*NewerError) without modifying it; names that do not
// exist are *NotFoundError, names taken *ExistsError.
//
// # Storage
//
// The schema comes from embedded numbered migrations applied in one
// transaction and recorded in PRAGMA user_version; PRAGMA application_id
// marks the file as rota's. SQLite.Commits reads PRAGMA data_version on a
// connection of its own, so that the backend's Watch sees commits by other
// processes.
package store
