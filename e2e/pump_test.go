package e2e

import (
	"unicode/utf8"

	"github.com/hinshun/vt10x"
)

// pump copies the program's output into the emulator, holding back an
// incomplete rune at the end of a read until the rest of it arrives (the
// emulator would drop its first byte as invalid).
func pump(term vt10x.Terminal, read func([]byte) (int, error)) {
	buf := make([]byte, 32*1024)
	pending := 0
	for {
		n, err := read(buf[pending:])
		n += pending
		cut := n - incompleteTail(buf[:n])
		if cut > 0 {
			_, _ = term.Write(buf[:cut])
		}
		pending = copy(buf, buf[cut:n])
		if err != nil {
			return
		}
	}
}

// incompleteTail is the length of a UTF-8 sequence cut short at the end of
// b (0 when b ends on a rune boundary).
func incompleteTail(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if utf8.FullRune(b[i:]) {
				return 0
			}
			return len(b) - i
		}
	}
	return 0
}
