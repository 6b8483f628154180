package phrases

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
)

var verb = regexp.MustCompile(`%[-+# 0-9*]*[a-zA-Z%]`)

// eachPhrase calls f with the path and value of every phrase of c.
func eachPhrase(c *Catalog, f func(path, phrase string)) {
	var walk func(path string, v reflect.Value)
	walk = func(path string, v reflect.Value) {
		switch v.Kind() {
		case reflect.Struct:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					walk(path+"."+v.Type().Field(i).Name, v.Field(i))
				}
			}
		case reflect.String:
			f(path, v.String())
		}
	}
	v := reflect.ValueOf(*c)
	for _, group := range []string{"Answers", "Report", "Interview", "Messages"} {
		walk(group, v.FieldByName(group))
	}
}

// Every language says every phrase, and a format string keeps its English verbs in order, so a
// translation can neither leave a gap on a screen or in a summary nor garble a number.
func TestEveryLanguageHasEveryPhrase(t *testing.T) {
	en := map[string]string{}
	eachPhrase(&english, func(path, p string) { en[path] = p })
	for _, c := range All() {
		n := 0
		eachPhrase(c, func(path, got string) {
			n++
			if strings.TrimSpace(got) == "" {
				t.Errorf("%s: %s is empty", c.Tag, path)
			}
			want := verb.FindAllString(en[path], -1)
			if have := verb.FindAllString(got, -1); !reflect.DeepEqual(have, want) {
				t.Errorf("%s: %s has verbs %v, want %v", c.Tag, path, have, want)
			}
		})
		if n != len(en) {
			t.Errorf("%s: %d phrases, English has %d", c.Tag, n, len(en))
		}
	}
}

func TestFor(t *testing.T) {
	for _, tc := range []struct {
		tag  string
		want *Catalog
		ok   bool
	}{
		{"en", &english, true},
		{"en-GB", &english, true},
		{"es", &spanish, true},
		{"ES", &spanish, true},
		{"es-US", &spanish, true},
		{"es-419", &spanish, true},
		{"es-MX", &spanish, true},
		{"gl", &english, false}, // Galician is not Spanish, however close
		{"ca", &english, false},
		{"pt", &english, false},
		{"vi", &english, false},
		{"", &english, false},
		{"not a tag!", &english, false},
	} {
		got, ok := For(tc.tag)
		if got != tc.want || ok != tc.ok {
			t.Errorf("For(%q) = %s, %v; want %s, %v", tc.tag, got.Tag, ok, tc.want.Tag, tc.ok)
		}
		if Speaks(tc.tag) != tc.ok {
			t.Errorf("Speaks(%q) = %v", tc.tag, !tc.ok)
		}
	}
}
