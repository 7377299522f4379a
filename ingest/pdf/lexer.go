package pdf

import "strconv"

// lexer tokenizes the PostScript subset of CMap programs. Content streams go
// through content.go, which reads them as the library's Interpret did; CMaps come through here because we need the exact
// bytes of hex strings and the array structure of bfrange destinations.
type lexer struct {
	data []byte
	pos  int
}

type tokKind uint8

const (
	tokKeyword tokKind = iota
	tokNumber
	tokString
	tokName
	tokArrayStart
	tokArrayEnd
)

type token struct {
	kind tokKind
	s    string
	num  float64
}

func isWhite(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\f', '\r', ' ':
		return true
	}
	return false
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// next returns the next token; ok is false at the end of the data.
func (l *lexer) next() (token, bool) {
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		switch {
		case isWhite(c):
			l.pos++
		case c == '%':
			for l.pos < len(l.data) && l.data[l.pos] != '\n' && l.data[l.pos] != '\r' {
				l.pos++
			}
		case c == '[':
			l.pos++
			return token{kind: tokArrayStart}, true
		case c == ']':
			l.pos++
			return token{kind: tokArrayEnd}, true
		case c == '{' || c == '}' || c == ')' || c == '>':
			l.pos++ // procedures and stray closers carry nothing for us
		case c == '<':
			if l.pos+1 < len(l.data) && l.data[l.pos+1] == '<' {
				l.pos += 2
				continue // dictionaries: their content reads as operands, dropped at the next operator
			}
			return l.hex(), true
		case c == '(':
			return l.literal(), true
		case c == '/':
			l.pos++
			start := l.pos
			for l.pos < len(l.data) && !isWhite(l.data[l.pos]) && !isDelim(l.data[l.pos]) {
				l.pos++
			}
			return token{kind: tokName, s: string(l.data[start:l.pos])}, true
		default:
			start := l.pos
			for l.pos < len(l.data) && !isWhite(l.data[l.pos]) && !isDelim(l.data[l.pos]) {
				l.pos++
			}
			w := string(l.data[start:l.pos])
			if f, err := strconv.ParseFloat(w, 64); err == nil {
				return token{kind: tokNumber, num: f}, true
			}
			return token{kind: tokKeyword, s: w}, true
		}
	}
	return token{}, false
}

func (l *lexer) hex() token {
	l.pos++ // '<'
	var out []byte
	var hi byte
	half := false
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		l.pos++
		if c == '>' {
			break
		}
		v, ok := unhex(c)
		if !ok {
			continue
		}
		if half {
			out = append(out, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	if half {
		out = append(out, hi<<4)
	}
	return token{kind: tokString, s: string(out)}
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func (l *lexer) literal() token {
	l.pos++ // '('
	var out []byte
	depth := 1
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return token{kind: tokString, s: string(out)}
			}
		case '\\':
			if l.pos >= len(l.data) {
				continue
			}
			e := l.data[l.pos]
			l.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r', '\n':
				if e == '\r' && l.pos < len(l.data) && l.data[l.pos] == '\n' {
					l.pos++
				}
				continue
			default:
				if '0' <= e && e <= '7' {
					v := e - '0'
					for i := 0; i < 2 && l.pos < len(l.data) && '0' <= l.data[l.pos] && l.data[l.pos] <= '7'; i++ {
						v = v*8 + l.data[l.pos] - '0'
						l.pos++
					}
					c = v
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return token{kind: tokString, s: string(out)}
}
