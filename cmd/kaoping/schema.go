package main

import (
	"github.com/spf13/cobra"

	"github.com/kaoping/kaoping/model/schema"
)

func newSchemaCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "输出 kaoping/v2 JSON Schema / print the JSON Schema of the output",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			b, err := schema.JSON()
			if err != nil {
				return err
			}
			_, err = a.stdout.Write(append(b, '\n'))
			return err
		},
	}
}
