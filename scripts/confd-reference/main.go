// Reference renderer for the console's confd preview: Go's own text/template with confd's
// template functions (ported from confd's resource/template/template_funcs.go and the memkv
// store it uses). Reads cases as JSON on stdin, writes their outputs as JSON on stdout.
// Regenerate the golden file: npm run confd:golden
package main

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
	"text/template"
)

type KVPair struct {
	Key   string
	Value string
}

type store map[string]string

func (s store) Exists(key string) bool { _, ok := s[key]; return ok }

func (s store) Get(key string) (KVPair, error) {
	v, ok := s[key]
	if !ok {
		return KVPair{}, errors.New("key does not exist: " + key)
	}
	return KVPair{key, v}, nil
}

func (s store) GetAll(pattern string) ([]KVPair, error) {
	ks := make([]KVPair, 0)
	for k, v := range s {
		m, err := path.Match(pattern, k)
		if err != nil {
			return nil, err
		}
		if m {
			ks = append(ks, KVPair{k, v})
		}
	}
	sort.Slice(ks, func(i, j int) bool { return ks[i].Key < ks[j].Key })
	return ks, nil
}

func (s store) GetAllValues(pattern string) ([]string, error) {
	vs := make([]string, 0)
	kvs, err := s.GetAll(pattern)
	if err != nil {
		return vs, err
	}
	for _, kv := range kvs {
		vs = append(vs, kv.Value)
	}
	sort.Strings(vs)
	return vs, nil
}

func (s store) GetValue(key string, v ...string) (string, error) {
	kv, err := s.Get(key)
	if err != nil {
		if len(v) > 0 {
			return v[0], nil
		}
		return "", err
	}
	return kv.Value, nil
}

func pathToTerms(filePath string) []string { return strings.Split(path.Clean(filePath), "/") }

func samePrefixTerms(prefix, test []string) bool {
	if len(test) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if prefix[i] != test[i] {
			return false
		}
	}
	return true
}

func stripKey(key, prefix string) string {
	return strings.TrimPrefix(strings.Replace(key, prefix, "", 1), "/")
}

func (s store) List(filePath string) []string {
	m := map[string]bool{}
	prefix := pathToTerms(filePath)
	for k := range s {
		if k == filePath {
			m[path.Base(k)] = true
			continue
		}
		target := pathToTerms(path.Dir(k))
		if samePrefixTerms(prefix, target) {
			m[strings.Split(stripKey(k, filePath), "/")[0]] = true
		}
	}
	vs := []string{}
	for k := range m {
		vs = append(vs, k)
	}
	sort.Strings(vs)
	return vs
}

func (s store) ListDir(filePath string) []string {
	m := map[string]bool{}
	prefix := pathToTerms(filePath)
	for k := range s {
		if strings.HasPrefix(k, filePath) {
			items := pathToTerms(path.Dir(k))
			if samePrefixTerms(prefix, items) && (len(items)-len(prefix) >= 1) {
				m[items[len(prefix):][0]] = true
			}
		}
	}
	vs := []string{}
	for k := range m {
		vs = append(vs, k)
	}
	sort.Strings(vs)
	return vs
}

func funcs(s store) template.FuncMap {
	return template.FuncMap{
		"exists": s.Exists, "get": s.Get, "gets": s.GetAll, "getv": s.GetValue, "getvs": s.GetAllValues,
		"ls": s.List, "lsdir": s.ListDir,
		"base": path.Base, "dir": path.Dir, "split": strings.Split, "join": strings.Join,
		"json": func(data string) (map[string]interface{}, error) {
			var ret map[string]interface{}
			err := json.Unmarshal([]byte(data), &ret)
			return ret, err
		},
		"jsonArray": func(data string) ([]interface{}, error) {
			var ret []interface{}
			err := json.Unmarshal([]byte(data), &ret)
			return ret, err
		},
		"toUpper": strings.ToUpper, "toLower": strings.ToLower, "contains": strings.Contains,
		"replace": strings.Replace, "trimSuffix": strings.TrimSuffix,
		"base64Encode": func(d string) string { return base64.StdEncoding.EncodeToString([]byte(d)) },
		"base64Decode": func(d string) (string, error) { b, err := base64.StdEncoding.DecodeString(d); return string(b), err },
		"parseBool": strconv.ParseBool,
		"atoi": strconv.Atoi,
		"add": func(a, b int) int { return a + b }, "sub": func(a, b int) int { return a - b },
		"mul": func(a, b int) int { return a * b }, "div": func(a, b int) int { return a / b },
		"mod": func(a, b int) int { return a % b },
		"reverse": func(values []string) []string {
			out := append([]string{}, values...)
			for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
				out[i], out[j] = out[j], out[i]
			}
			return out
		},
	}
}

type testCase struct {
	Name     string            `json:"name"`
	Template string            `json:"template"`
	Keys     map[string]string `json:"keys"`
}

type result struct {
	Name   string `json:"name"`
	Output string `json:"output"`
	Error  bool   `json:"error"`
}

func main() {
	var cases []testCase
	if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	results := []result{}
	for _, c := range cases {
		var out strings.Builder
		tmpl, err := template.New(c.Name).Funcs(funcs(store(c.Keys))).Parse(c.Template)
		if err == nil {
			err = tmpl.Execute(&out, nil)
		}
		results = append(results, result{Name: c.Name, Output: out.String(), Error: err != nil})
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	enc.Encode(results)
}
