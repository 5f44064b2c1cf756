package client

import (
	"fmt"
	"strconv"
	"strings"
)

// splitWords splits a command line into words the way a shell would for
// simple cases: blanks separate words, "double quotes" take Go escapes
// (\n, \t, \x00, \u00e9, \"), 'single quotes' take everything literally,
// and quoted and bare pieces next to each other form one word, so
// `set greeting "hello world"` has three words and `""` is an empty one.
func splitWords(line string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(line); {
		c := line[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
			i++
		case c == '"':
			end := closingQuote(line, i)
			if end < 0 {
				return nil, fmt.Errorf("%w: unterminated \" at column %d", ErrQuote, i+1)
			}
			s, err := strconv.Unquote(line[i : end+1])
			if err != nil {
				return nil, fmt.Errorf("%w: %s at column %d", ErrQuote, line[i:end+1], i+1)
			}
			cur.WriteString(s)
			inWord = true
			i = end + 1
		case c == '\'':
			end := strings.IndexByte(line[i+1:], '\'')
			if end < 0 {
				return nil, fmt.Errorf("%w: unterminated ' at column %d", ErrQuote, i+1)
			}
			cur.WriteString(line[i+1 : i+1+end])
			inWord = true
			i += end + 2
		default:
			cur.WriteByte(c)
			inWord = true
			i++
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

// closingQuote finds the '"' that ends the string opened at line[open],
// skipping escaped characters; -1 if there is none.
func closingQuote(line string, open int) int {
	for i := open + 1; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return -1
}
