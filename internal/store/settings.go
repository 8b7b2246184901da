package store

import "context"

// Settings returns the settings whose names start with prefix.
func (t *txn) Settings(ctx context.Context, prefix string) (map[string]string, error) {
	rows, err := t.query(ctx, `SELECT name, value FROM setting WHERE substr(name, 1, length(?)) = ?`, prefix, prefix)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, rows.Err()
}

// SetSetting sets name to value; "" removes it.
func (t *txn) SetSetting(ctx context.Context, name, value string) error {
	if value == "" {
		_, err := t.exec(ctx, `DELETE FROM setting WHERE name = ?`, name)
		return err
	}
	_, err := t.exec(ctx, `INSERT INTO setting (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value`, name, value)
	return err
}
