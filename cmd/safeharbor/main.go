// Command safeharbor steps a child-welfare worker through a screening conversation with a young
// person who has come back from being missing, and prints a referral summary.
package main

import (
	"os"

	"github.com/safeharbor/safeharbor/cmd/safeharbor/internal/cli"
)

func main() { os.Exit(cli.Main()) }
