package transform

import "testing"

func TestOldAptRelease(t *testing.T) {
	for image, want := range map[string]bool{
		"debian:jessie":                       true,
		"ubuntu:16.04":                        true,
		"ubuntu:22.04":                        false,
		"brimstone/ubuntu:14.04":              true,
		"python:3.6-jessie":                   true,
		"nvidia/cuda:10.0-base-ubuntu16.04":   true,
		"nvidia/cuda:12.2.0-base-ubuntu22.04": false,
		"myorg/debian:8":                      true,
		"python:3.12-bookworm":                false,
		"node:20":                             false,
	} {
		if got := oldAptRelease(image); got != want {
			t.Errorf("oldAptRelease(%q) = %v, want %v", image, got, want)
		}
	}
}
