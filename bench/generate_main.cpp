// basis-generate: writes a large generated estimate for benchmarks and manual trials.
//   basis-generate 100000 csv out/      -> out/generated.yaml + out/generated.csv
//   basis-generate 100000 json out/     -> out/generated.json
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

#include "basis/core/file_io.hpp"
#include "generate.hpp"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: basis-generate ITEMS csv|json OUTDIR\n";
    return 2;
  }
  char* end = nullptr;
  unsigned long long items = std::strtoull(argv[1], &end, 10);
  std::string format = argv[2];
  std::filesystem::path dir = argv[3];
  if (*end != '\0' || (format != "csv" && format != "json")) {
    std::cerr << "usage: basis-generate ITEMS csv|json OUTDIR\n";
    return 2;
  }
  std::filesystem::create_directories(dir);
  std::string error;
  bool ok = true;
  if (format == "csv") {
    ok = basis::write_file_atomically((dir / "generated.csv").string(),
                                      basis::bench::generate_csv_items(items), error) &&
         basis::write_file_atomically((dir / "generated.yaml").string(),
                                      basis::bench::generate_yaml_wrapper("generated.csv"), error);
  } else {
    ok = basis::write_file_atomically((dir / "generated.json").string(),
                                      basis::bench::generate_json_estimate(items), error);
  }
  if (!ok) {
    std::cerr << "basis-generate: " << error << "\n";
    return 2;
  }
  return 0;
}
