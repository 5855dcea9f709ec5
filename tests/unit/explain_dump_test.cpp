#include <cstdlib>
#include <iostream>
#include "explain_test_support.hpp"
namespace basis {
TEST(Dump, One) {
  const char* est = std::getenv("EST");
  const char* rules = std::getenv("RULES");
  const char* style = std::getenv("STYLE");
  if (!est) GTEST_SKIP();
  auto x = testing::explain_files(est, rules, style ? style : "analytical");
  ASSERT_TRUE(x->explanation);
  const Explanation& e = *x->explanation;
  std::cout << "TOTAL " << e.total.shown << " DIRECT " << e.direct.shown << " " << e.range_text << "\n";
  for (auto& s : e.sections) {
    std::cout << "== " << s.title << "\n";
    for (auto& st : s.statements) std::cout << "  [" << st.rule_id << "|" << st.item_id << "] " << plain_text(st.text) << "\n";
    if (s.kind == SectionKind::drivers) for (auto& g : e.drivers) {
      std::cout << " G " << g.key << " " << g.amount.shown << " " << g.share.shown << " " << g.hours.shown << " n=" << g.item_count << (g.other?" other":"") << "\n";
      for (auto& st : g.statements) std::cout << "    [" << st.rule_id << "|" << st.item_id << "] " << plain_text(st.text) << "\n";
    }
  }
  for (auto& o : e.options) std::cout << "OPT " << o.id << " " << o.new_total.shown << " " << o.delta.shown << " " << o.delta_percent.shown << " | " << o.title << " | " << plain_text(o.tradeoff) << " | ask: " << plain_text(o.ask_in_return) << "\n";
  for (auto& b : e.benchmarks) std::cout << "BENCH " << b.rule_id << " " << b.value.shown << " [" << b.low.shown << ", " << b.high.shown << "] " << b.position << "\n";
  for (auto& b : e.basis) std::cout << "BASIS " << b.item_id << " " << b.quantity << " = " << b.amount.shown << " range " << b.range << (b.allowance ? " allowance: " + b.trigger : "") << "\n";
  for (auto& r : e.risks) std::cout << "RISK " << r.id << " " << r.probability.shown << " x " << r.impact.shown << " = " << r.expected.shown << "\n";
  for (auto& b : e.buildup) std::cout << "BUILD " << b.id << " " << b.basis << " " << b.amount.shown << "\n";
  for (auto& q : e.questions) std::cout << "Q " << plain_text(q.text) << "\n";
  for (auto& o : e.objections) std::cout << "OBJ " << plain_text(o.objection) << " -> " << plain_text(o.response) << "\n";
  for (auto& n : e.internal_notes) std::cout << "NOTE " << plain_text(n.text) << "\n";
  for (auto& f : e.internal_figures) std::cout << "FIG " << f.label << " " << f.value.shown << "\n";
  for (auto& t : e.trace) { std::cout << "TRACE " << t.id << " " << t.shown << " = " << t.expression << " @" << t.file << ":" << t.pos.line << ":" << t.pos.column << " " << t.rule_id << " items:"; for (auto& i : t.items) std::cout << " " << i; std::cout << "\n"; }
  std::cout << "UNCOVERED"; for (auto& u : e.uncovered_items) std::cout << " " << u; std::cout << "\n";
  for (auto& w : e.warnings) std::cout << "WARN " << w << "\n";
}
}
