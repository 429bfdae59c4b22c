//go:build unix

package search

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used. The benchmarks report it
// next to wall-clock latencies because wall clock on a shared machine
// measures the neighbours as much as the code.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
