package transform

import (
	"strings"
	"testing"
)

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

func TestOldAlpine(t *testing.T) {
	for image, want := range map[string]bool{
		"alpine:3.8":                    true,
		"alpine:3.18.4":                 true,
		"alpine:3.19":                   false,
		"alpine:3.20":                   false,
		"alpine":                        false,
		"alpine:edge":                   false,
		"ruby:2.4.1-alpine3.6":          true,
		"golang:1.9.2-alpine3.7":        true,
		"python:3.12-alpine3.20":        false,
		"python:3.12-alpine":            false,
		"node:lts-alpine":               false,
		"docker.io/library/alpine:3.10": true,
		// From the base-image table: an Alpine release the tag does
		// not name.
		"wjdp/htmltest:v0.17.0":                    true,
		"squidfunk/mkdocs-material:7.3.6":          true,
		"squidfunk/mkdocs-material":                false,
		"docker:18.09-dind":                        true,
		"alpine@sha256:" + strings.Repeat("0", 64): true,
	} {
		if got := oldAlpine(image); got != want {
			t.Errorf("oldAlpine(%q) = %v, want %v", image, got, want)
		}
	}
}
