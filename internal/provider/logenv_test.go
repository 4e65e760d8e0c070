package provider

import (
	"maps"
	"testing"
)

func TestQuietLogSettings(t *testing.T) {
	cases := []struct {
		name string
		env  map[string]string
		want map[string]string
	}{
		{"terraform shows no provider logs", map[string]string{}, map[string]string{"TF_LOG_PROVIDER": "OFF", "TF_LOG_SDK": "OFF"}},
		{"TF_LOG explicitly off", map[string]string{"TF_LOG": "off"}, map[string]string{"TF_LOG_PROVIDER": "OFF", "TF_LOG_SDK": "OFF"}},
		{"core logs only", map[string]string{"TF_LOG_CORE": "TRACE"}, map[string]string{"TF_LOG_PROVIDER": "OFF", "TF_LOG_SDK": "OFF"}},
		{"TF_LOG shows provider logs", map[string]string{"TF_LOG": "DEBUG"}, map[string]string{}},
		{"TF_LOG=JSON shows them too", map[string]string{"TF_LOG": "JSON"}, map[string]string{}},
		{"TF_LOG_PROVIDER shows them", map[string]string{"TF_LOG_PROVIDER": "INFO"}, map[string]string{}},
		{"an explicit SDK level is kept", map[string]string{"TF_LOG_SDK": "ERROR"}, map[string]string{"TF_LOG_PROVIDER": "OFF"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := quietLogSettings(func(k string) (string, bool) { v, ok := c.env[k]; return v, ok })
			if got == nil {
				got = map[string]string{}
			}
			if !maps.Equal(got, c.want) {
				t.Fatalf("quietLogSettings(%v) = %v, want %v", c.env, got, c.want)
			}
		})
	}
}
