package parser

import "testing"

func TestManagerForImage(t *testing.T) {
	for image, want := range map[string]string{
		"debian:bookworm":                                "apt",
		"python:3.12-slim":                               "apt",
		"alpine:3.20":                                    "apk",
		"ruby:2.4.1-alpine3.6":                           "apk",
		"registry.access.redhat.com/ubi9/ubi":            "dnf",
		"registry.access.redhat.com/ubi9/ubi-minimal":    "microdnf",
		"registry.access.redhat.com/ubi8/ubi-micro:8.10": "",
		"rockylinux:9-minimal":                           "microdnf",
		"almalinux:8-minimal":                            "microdnf",
		"rockylinux:9":                                   "dnf",
		"oraclelinux:8-slim":                             "microdnf",
		"oraclelinux:7":                                  "yum",
		"openjdk:17-oracle":                              "microdnf",
		"eclipse-temurin:17-jre-ubi9-minimal":            "microdnf",
		"eclipse-temurin:17-jre-jammy":                   "apt",
		"centos:7":                                       "yum",
		"centos:centos7":                                 "yum",
		"centos:stream9":                                 "dnf",
		"amazonlinux:2":                                  "yum",
		"amazonlinux:2023":                               "dnf",
		"fedora:40":                                      "dnf",
		"opensuse/leap:15.6":                             "zypper",
		"myorg/app:1":                                    "",
	} {
		if got := managerForImage(image); got != want {
			t.Errorf("managerForImage(%q) = %q, want %q", image, got, want)
		}
	}
}
