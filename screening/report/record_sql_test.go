package report

import (
	"bytes"
	"database/sql"
	"encoding/csv"
	"strings"
	"testing"

	_ "modernc.org/sqlite" // SQLite in pure Go: the test runs wherever go test does

	"github.com/safeharbor/safeharbor/screening"
)

// A data team loads the CSV into the table 'schema record --format sql' creates: every value
// must go into its column as the column's type, and every CHECK must hold. SQLite stands in for
// their database, as PostgreSQL's COPY ... CSV does: an empty field is null.
func TestRecordsLoadIntoSQLite(t *testing.T) {
	records, _ := goldenSummaries(t)
	// Only the published columns: the test set's own would need ALTER TABLE, as the README says.
	var csvOut bytes.Buffer
	if err := WriteRecordsCSV(&csvOut, RecordColumns, records); err != nil {
		t.Fatal(err)
	}
	ddl, err := RecordSQL("records")
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(ddl); err != nil {
		t.Fatalf("the table does not create: %v\n%s", err, ddl)
	}
	rows, err := csv.NewReader(&csvOut).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := rows[0]
	insert := "INSERT INTO records (" + strings.Join(header, ", ") + ") VALUES (?" + strings.Repeat(", ?", len(header)-1) + ")"
	for i, row := range rows[1:] {
		args := make([]any, len(row))
		for k, v := range row {
			if v != "" {
				args[k] = v // as text, as a CSV loader reads it: the column's type must take it
			}
		}
		if _, err := db.Exec(insert, args...); err != nil {
			t.Fatalf("row %d does not load: %v", i+1, err)
		}
	}
	// Each value is stored as its column's type, not as the text it was read from.
	types := map[string]string{}
	cols, err := db.Query("SELECT name, type FROM pragma_table_info('records')")
	if err != nil {
		t.Fatal(err)
	}
	for cols.Next() {
		var name, typ string
		if err := cols.Scan(&name, &typ); err != nil {
			t.Fatal(err)
		}
		types[name] = strings.Fields(typ)[0]
	}
	cols.Close()
	if len(types) != len(RecordColumns) {
		t.Fatalf("the table has %d columns, the records %d", len(types), len(RecordColumns))
	}
	for name, typ := range types {
		want := map[string]string{"TEXT": "text", "INTEGER": "integer", "BOOLEAN": "integer"}[typ]
		var bad int
		if err := db.QueryRow("SELECT count(*) FROM records WHERE typeof(" + name + ") NOT IN ('null', '" + want + "')").Scan(&bad); err != nil {
			t.Fatal(err)
		}
		if bad > 0 {
			t.Errorf("column %s (%s): %d values are not stored as %s", name, typ, bad, want)
		}
	}
	// The questions a data team asks are answered from it.
	var n, teens, exchanges, hours int
	if err := db.QueryRow(`SELECT count(*), sum(age_band = '15-17'), sum(indicator_exchange), coalesce(sum(hours_to_screening), 0) FROM records WHERE NOT training`).Scan(&n, &teens, &exchanges, &hours); err != nil {
		t.Fatal(err)
	}
	wantN, wantTeens, wantEx, wantHours := 0, 0, 0, 0
	for _, r := range records {
		if r.Training {
			continue
		}
		wantN++
		if r.HoursToScreening != nil {
			wantHours += *r.HoursToScreening
		}
		if r.AgeBand == screening.Age15To17 {
			wantTeens++
		}
		for _, id := range r.Indicators {
			if id == "exchange" {
				wantEx++
			}
		}
	}
	if n != wantN || teens != wantTeens || exchanges != wantEx || hours != wantHours || wantHours == 0 {
		t.Errorf("count %d, 15-17 %d, exchange %d, hours %d; want %d, %d, %d, %d", n, teens, exchanges, hours, wantN, wantTeens, wantEx, wantHours)
	}
	// A value of the wrong kind is refused by the table, so the test above can fail.
	if _, err := db.Exec(`INSERT INTO records (format, screening_id, set_id, set_version, training, age_band, concern, score, complete, completeness_rule, questions_applied, answered, declined, dont_know, not_asked, ended_early, language, interpreter, indicators_raised, actions_listed) VALUES ('safeharbor-record/v1', 'x', 's', '1', 0, '15', 'none', 0, 1, 0, 0, 0, 0, 0, 0, 0, 'en', 'no', 0, 0)`); err == nil {
		t.Error("the table took an age in years for an age band")
	}
}
