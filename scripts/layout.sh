# pcmd's installed files, laid out under a prefix; sourced by install.sh and package.sh, so an
# install and the package hold the same files.
#
# build_release: the stripped release binary as scripts/run.sh builds it; prints its path.
# layout BINARY DIR ZSH_DIR: copies under DIR (a prefix such as /usr or ~/.local)
#   bin/pcmd                                   the binary, stripped
#   share/man/man1/pcmd.1                      the man page (from `pcmd help-man`)
#   share/bash-completion/completions/pcmd     completions, from ArgumentParser
#   ZSH_DIR/_pcmd                              (share/zsh/site-functions; Debian: vendor-completions)
#   share/fish/vendor_completions.d/pcmd.fish
#   share/pcmd/themes/*.toml                   the shipped themes, for reference (they are compiled in)
# and prints each file's path relative to DIR, one a line.

# The release binary, built (or found up to date) as scripts/run.sh builds it.
build_release() {
  scripts/deps.sh >&2
  swift build -c release --product pcmd --static-swift-stdlib >&2
  echo "$(swift build -c release --static-swift-stdlib --show-bin-path)/pcmd"
}

layout() {
  local binary=$1 dir=$2 zsh=$3 f
  install -d "$dir/bin" "$dir/share/man/man1" "$dir/share/bash-completion/completions" "$dir/$zsh" \
    "$dir/share/fish/vendor_completions.d" "$dir/share/pcmd/themes"
  strip --strip-all -o "$dir/bin/pcmd" "$binary"
  chmod 0755 "$dir/bin/pcmd"
  # The copy made above writes these: the binary that ships is the one that describes itself.
  "$dir/bin/pcmd" help-man > "$dir/share/man/man1/pcmd.1"
  # bash sources the file; a #! line would say it is a script to run (lintian warns).
  "$dir/bin/pcmd" --generate-completion-script bash | sed '1{/^#!/d}' > "$dir/share/bash-completion/completions/pcmd"
  "$dir/bin/pcmd" --generate-completion-script zsh > "$dir/$zsh/_pcmd"
  "$dir/bin/pcmd" --generate-completion-script fish > "$dir/share/fish/vendor_completions.d/pcmd.fish"
  for f in themes/*.toml; do install -m 0644 "$f" "$dir/share/pcmd/themes/"; done
  chmod 0644 "$dir/share/man/man1/pcmd.1" "$dir/share/bash-completion/completions/pcmd" "$dir/$zsh/_pcmd" \
    "$dir/share/fish/vendor_completions.d/pcmd.fish"
  echo bin/pcmd
  echo share/man/man1/pcmd.1
  echo share/bash-completion/completions/pcmd
  echo "$zsh/_pcmd"
  echo share/fish/vendor_completions.d/pcmd.fish
  for f in themes/*.toml; do echo "share/pcmd/$f"; done
}
