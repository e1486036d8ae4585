package baseimages

// Language and toolchain images outside the Docker Official Images already in images.go (old python:2, openjdk's CMD per variant, gcc, clojure, gradle's non-temurin variants, mono, swift, the Rust project's nightly images, CUDA and PyTorch, Cypress, CircleCI), read from each image's published definition.

// langRows are matched after images and toolRows.
var langRows = []row{}
