//go:build !race

package sproto

const raceEnabled = false
