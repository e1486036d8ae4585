package parser

import (
	"path"
	"strings"
)

// SpellWithArgs turns a word as written in a RUN script into the same value
// spelled with ${NAME} references to build arguments: the word must be made
// of path characters and references to ARGs in env (quoted or not), hold at
// least one, and expand to want.
func SpellWithArgs(word string, env *Env, want string) (string, bool) {
	if len(word) >= 2 && word[0] == '"' && word[len(word)-1] == '"' {
		word = word[1 : len(word)-1]
	}
	var spelled, value strings.Builder
	refs := 0
	for i := 0; i < len(word); {
		c := word[i]
		if c != '$' {
			if !strings.ContainsRune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./-", rune(c)) {
				return "", false
			}
			spelled.WriteByte(c)
			value.WriteByte(c)
			i++
			continue
		}
		name, n := varRefAt(word[i+1:])
		if name == "" {
			return "", false
		}
		v, ok := env.ArgValue(name)
		if !ok {
			return "", false
		}
		spelled.WriteString("${" + name + "}")
		value.WriteString(v)
		refs++
		i += 1 + n
	}
	if refs == 0 || path.Clean(value.String()) != path.Clean(want) && value.String() != want {
		return "", false
	}
	return spelled.String(), true
}

// varRefAt reads NAME or {NAME} at the start of s: the name and the bytes
// it took, "" when s does not start with one.
func varRefAt(s string) (string, int) {
	braced := strings.HasPrefix(s, "{")
	body := s
	if braced {
		body = s[1:]
	}
	n := 0
	for n < len(body) && (body[n] == '_' || body[n] >= 'a' && body[n] <= 'z' || body[n] >= 'A' && body[n] <= 'Z' || n > 0 && body[n] >= '0' && body[n] <= '9') {
		n++
	}
	if n == 0 {
		return "", 0
	}
	if braced {
		if n >= len(body) || body[n] != '}' {
			return "", 0
		}
		return body[:n], n + 2
	}
	return body[:n], n
}
