fn main() {
    std::process::exit(loupan::cli::main());
}
