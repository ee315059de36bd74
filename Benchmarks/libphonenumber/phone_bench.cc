// Comparison benchmark: Google's libphonenumber (C++, Debian's libphonenumber-dev) on the same 16 inputs and
// the same 1,000,000 parse + E.164 format calls as steward-bench's "phone parse → E.164 (mixed)".
// Build and run: bash Benchmarks/libphonenumber/run.sh
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

int main() {
    const std::vector<std::pair<std::string, std::string>> inputs = {
        {"+1 (415) 555-0100 ext. 12", "US"}, {"415.555.0100", "US"}, {"0049 30 1234567", "DE"},
        {"030 1234567", "DE"}, {"+44 (0)20 7946 0958", "GB"}, {"1-800-FLOWERS", "US"},
        {"tel:+1-415-555-0100;ext=123", "ZZ"}, {"n/a", "US"}, {"06 12 34 56 78", "FR"}, {"+33 1 23 45 67 89", "ZZ"},
        {"011 15 1234-5678", "AR"}, {"(21) 98765-4321", "BR"}, {"02 1234 5678", "IT"}, {"+81 3-1234-5678", "ZZ"},
        {"0612345678", "NL"}, {"+41 44 668 18 00", "CH"},
    };
    const PhoneNumberUtil* util = PhoneNumberUtil::GetInstance();
    const int count = 1000000;
    std::vector<double> times;
    for (int run = 0; run < 6; ++run) {  // first run is warm-up
        auto start = std::chrono::steady_clock::now();
        size_t kept = 0;
        for (int i = 0; i < count; ++i) {
            const auto& in = inputs[i & 15];
            PhoneNumber number;
            if (util->Parse(in.first, in.second, &number) == PhoneNumberUtil::NO_PARSING_ERROR) {
                std::string e164;
                util->Format(number, PhoneNumberUtil::E164, &e164);
                kept += e164.size();
            }
        }
        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (run > 0) times.push_back(seconds);
        if (kept == 42) std::puts("");
    }
    std::sort(times.begin(), times.end());
    double median = times[times.size() / 2];
    std::printf("libphonenumber C++ parse → E.164 (mixed) median %8.3f ms  %.2f M numbers/s\n", median * 1000,
                count / median / 1e6);
    return 0;
}
