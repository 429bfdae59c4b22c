//go:build !unix

package search

import "time"

// cpuTime is not measured on this platform; CPU metrics report 0.
func cpuTime() time.Duration { return 0 }
