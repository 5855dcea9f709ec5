// Estimate files read into EstimateSyntax: the samples field by field, every kind of
// error with its exact message and position, YAML 1.2 core scalars, JSON numbers, CSV
// cells (on hand-built CSV documents, so that the converter is tested apart from the CSV
// tokenizer) and the bound on alias expansion.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>

#include "../../parser/src/estimate_parts.hpp"
#include "basis/parser/estimate_syntax.hpp"

namespace basis {
namespace {

Decimal dec(std::string_view text) {
  return *Decimal::parse(text);
}

SourceRef text_source(std::string path, std::string text) {
  return std::make_shared<const SourceText>(std::move(path), std::move(text));
}

// "line:col: error: message" for each diagnostic (notes as "  note line:col: message"),
// sorted, one per line: what a reader of the command line sees, without the excerpts.
std::string messages(Diagnostics& d) {
  d.sort();
  std::string out;
  for (const Diagnostic& x : d.items()) {
    out +=
        std::to_string(x.pos.line) + ":" + std::to_string(x.pos.column) + ": " + x.message + "\n";
    for (const DiagnosticNote& n : x.notes) {
      out += "  note " + std::to_string(n.pos.line) + ":" + std::to_string(n.pos.column) + ": " +
             n.message + "\n";
    }
  }
  return out;
}

struct Loaded {
  std::optional<EstimateSyntax> estimate;
  std::string diagnostics;
};

Loaded load(std::string text, std::string_view format = "yaml", std::string path = "e.yaml") {
  Diagnostics d;
  Loaded out;
  out.estimate = load_estimate_text(text_source(std::move(path), std::move(text)), format, d);
  out.diagnostics = messages(d);
  return out;
}

std::string errors_of(std::string text, std::string_view format = "yaml") {
  Loaded l = load(std::move(text), format);
  EXPECT_FALSE(l.estimate.has_value());
  return l.diagnostics;
}

const ItemSyntax& item(const EstimateSyntax& e, std::string_view id) {
  for (const ItemSyntax& i : e.items) {
    if (i.id == id) return i;
  }
  ADD_FAILURE() << "no item " << id;
  static ItemSyntax none;
  return none;
}

std::string sample(std::string_view relative) {
  return std::string(BASIS_SOURCE_DIR) + "/samples/" + std::string(relative);
}

// ---------------------------------------------------------------------------- samples

TEST(EstimateSamples, PortalV3FieldByField) {
  Diagnostics d;
  auto e = load_estimate(sample("software/portal-v3.yaml"), d);
  ASSERT_TRUE(e.has_value()) << messages(d);
  EXPECT_TRUE(d.empty());
  EXPECT_EQ(e->id, "CVH-PORTAL");
  EXPECT_EQ(e->title, "Cedar Valley Health patient portal rebuild");
  EXPECT_EQ(e->version.kind, Value::Kind::number);
  EXPECT_EQ(e->version.number, dec("3"));
  EXPECT_EQ(e->date, "2026-11-20");
  EXPECT_EQ(e->currency->code, "USD");
  EXPECT_EQ(e->estimate_class, 3);
  EXPECT_EQ(e->domain, "software");
  EXPECT_EQ(e->three_point, ThreePointMethod::pert);
  EXPECT_FALSE(e->rounding.has_value());
  EXPECT_EQ(e->rounding_step(), dec("0.01"));
  EXPECT_EQ(e->items_csv, "");

  ASSERT_EQ(e->rates.size(), 8u);
  EXPECT_EQ(e->rates[3].name, "qa_engineer");
  EXPECT_EQ(e->rates[3].price, dec("102.50"));
  EXPECT_EQ(e->find_rate("devops_engineer")->price, dec("150"));
  EXPECT_EQ(e->find_rate("nobody"), nullptr);

  ASSERT_EQ(e->items.size(), 34u);
  const ItemSyntax& dev1 = e->items[0];
  EXPECT_EQ(dev1.id, "DEV-01");
  EXPECT_EQ(dev1.name, "Patient sign-in and single sign-on with the hospital identity provider");
  EXPECT_EQ(dev1.pos, (SourcePos{27, 5}));
  EXPECT_EQ(dev1.id_pos, (SourcePos{27, 9}));
  EXPECT_EQ(dev1.form, CostForm::hours_rate);
  EXPECT_EQ(dev1.hours.kind, CostValue::Kind::number);
  EXPECT_EQ(dev1.hours.number, dec("240"));
  EXPECT_EQ(dev1.hours.pos, (SourcePos{31, 12}));
  EXPECT_EQ(dev1.rate.kind, CostValue::Kind::rate_name);
  EXPECT_EQ(dev1.rate.rate_name, "senior_engineer");
  EXPECT_FALSE(dev1.quantity.present());
  EXPECT_FALSE(dev1.amount.present());
  ASSERT_EQ(dev1.attributes.size(), 5u);
  EXPECT_EQ(dev1.attributes[0].first, "category");
  EXPECT_EQ(dev1.attributes[1].first, "phase");
  EXPECT_EQ(dev1.attributes[2].first, "method");
  EXPECT_EQ(dev1.attributes[3].first, "source");
  EXPECT_EQ(dev1.attributes[4].first, "rationale");
  EXPECT_EQ(dev1.attribute("method")->text, "bottom-up");
  EXPECT_EQ(dev1.attribute("hours"), nullptr);
  EXPECT_TRUE(dev1.internal.is_null());

  const ItemSyntax& dev2 = item(*e, "DEV-02");
  EXPECT_EQ(dev2.hours.kind, CostValue::Kind::three_point);
  EXPECT_EQ(dev2.hours.points.low, dec("280"));
  EXPECT_EQ(dev2.hours.points.likely, dec("340"));
  EXPECT_EQ(dev2.hours.points.high, dec("460"));
  EXPECT_EQ(dev2.hours.pos, (SourcePos{40, 12}));

  const ItemSyntax& inf2 = item(*e, "INF-02");
  EXPECT_EQ(inf2.form, CostForm::quantity_unit_cost);
  EXPECT_EQ(inf2.quantity.number, dec("9"));
  EXPECT_EQ(inf2.unit_cost.number, dec("2187.40"));
  EXPECT_EQ(inf2.attribute("unit")->text, "month");

  EXPECT_EQ(item(*e, "LIC-03").form, CostForm::amount);
  EXPECT_EQ(item(*e, "LIC-03").amount.number, dec("1200"));
  EXPECT_EQ(item(*e, "DEV-08").attribute("deferrable")->kind, Value::Kind::boolean);
  EXPECT_TRUE(item(*e, "DEV-08").attribute("deferrable")->boolean);
  EXPECT_EQ(item(*e, "QA-02").attribute("source")->text,
            "1,240 test cases derived from the feature breakdown");

  ASSERT_EQ(e->adjustments.size(), 3u);
  EXPECT_EQ(e->adjustments[0].id, "overhead");
  EXPECT_EQ(e->adjustments[0].kind, AdjustmentKind::overhead);
  EXPECT_EQ(e->adjustments[0].percent, dec("0.08"));
  EXPECT_EQ(e->adjustments[0].base, AdjustmentBase::direct);
  EXPECT_EQ(e->adjustments[0].pos, (SourcePos{325, 5}));
  EXPECT_EQ(e->adjustments[1].kind, AdjustmentKind::contingency);
  EXPECT_EQ(e->adjustments[1].percent, dec("0.1"));
  EXPECT_EQ(e->adjustments[1].base, AdjustmentBase::subtotal);
  EXPECT_EQ(e->adjustments[2].kind, AdjustmentKind::discount);
  EXPECT_FALSE(e->adjustments[2].percent.has_value());
  EXPECT_EQ(e->adjustments[2].amount, dec("-7500"));
  EXPECT_EQ(e->adjustments[2].label, "Returning-client discount");

  EXPECT_EQ(e->assumptions.size(), 5u);
  EXPECT_EQ(e->exclusions.size(), 4u);
  EXPECT_EQ(e->exclusions[2], "Data migration from the current portal.");
  ASSERT_EQ(e->risks.size(), 4u);
  EXPECT_EQ(e->risks[0].id, "R1");
  EXPECT_EQ(e->risks[0].probability, dec("0.3"));
  EXPECT_EQ(e->risks[0].impact, dec("24000"));
  EXPECT_EQ(e->risks[3].probability, dec("0.35"));

  EXPECT_EQ(e->client.find("style")->text, "analytical");
  EXPECT_EQ(e->client.find("budget")->number, dec("840000"));
  EXPECT_EQ(e->internal.find("floor")->number, dec("760000"));
  // Free-form values follow YAML 1.2 core: "24%" is text there.
  EXPECT_EQ(e->internal.find("target_margin")->kind, Value::Kind::text);
  EXPECT_EQ(e->internal.find("cost_rates")->find("qa_engineer")->number, dec("62"));
}

TEST(EstimateSamples, FitOutAppliesToKeepsItsPosition) {
  Diagnostics d;
  auto e = load_estimate(sample("construction/office-fitout.yaml"), d);
  ASSERT_TRUE(e.has_value()) << messages(d);
  EXPECT_EQ(e->currency->code, "GBP");
  EXPECT_EQ(e->estimate_class, 4);
  const AdjustmentSyntax& escalation = e->adjustments[0];
  EXPECT_EQ(escalation.base, AdjustmentBase::applies_to);
  EXPECT_EQ(escalation.percent, dec("0.035"));
  EXPECT_EQ(escalation.applies_to.text, "cost_type == \"material\"");
  EXPECT_EQ(escalation.applies_to.source, e->source);
  EXPECT_EQ(escalation.applies_to.pos_of(0), (SourcePos{466, 17}));
  EXPECT_EQ(escalation.applies_to.pos_of(13), (SourcePos{466, 30}));  // the quote of "material"
}

TEST(EstimateSamples, EverySampleLoadsWithoutDiagnostics) {
  for (const char* path :
       {"software/portal-v2.yaml", "software/portal-v3.yaml", "construction/office-fitout.yaml"}) {
    Diagnostics d;
    EXPECT_TRUE(load_estimate(sample(path), d).has_value()) << path;
    EXPECT_EQ(messages(d), "") << path;
  }
}

// ------------------------------------------------------------------- top-level fields

TEST(EstimateFields, DefaultsForAMinimalEstimate) {
  Loaded l = load("id: MIN\n");
  ASSERT_TRUE(l.estimate.has_value()) << l.diagnostics;
  EXPECT_EQ(l.estimate->currency->code, "USD");
  EXPECT_EQ(l.estimate->three_point, ThreePointMethod::pert);
  EXPECT_EQ(l.estimate->rounding_step(), dec("0.01"));
  EXPECT_FALSE(l.estimate->estimate_class.has_value());
  EXPECT_TRUE(l.estimate->items.empty());
  EXPECT_TRUE(l.estimate->client.is_null());
  EXPECT_TRUE(l.estimate->version.is_null());
}

TEST(EstimateFields, JapaneseYenRoundsToWholeYenByDefault) {
  Loaded l = load("id: J\ncurrency: JPY\nthree_point: triangular\n");
  ASSERT_TRUE(l.estimate.has_value()) << l.diagnostics;
  EXPECT_EQ(l.estimate->rounding_step(), dec("1"));
  EXPECT_EQ(l.estimate->three_point, ThreePointMethod::triangular);
}

TEST(EstimateFields, RoundingSteps) {
  for (const char* ok : {"0.01", "0.05", "1", "100", "0.10"}) {
    Loaded l = load(std::string("id: R\nrounding: ") + ok + "\n");
    ASSERT_TRUE(l.estimate.has_value()) << ok << l.diagnostics;
    EXPECT_EQ(l.estimate->rounding_step(), dec(ok));
  }
  EXPECT_EQ(errors_of("id: R\nrounding: 0.001\n"),
            "2:11: rounding step 0.001 is finer than the smallest unit of USD (0.01)\n");
  EXPECT_EQ(errors_of("id: R\nrounding: 0.015\n"),
            "2:11: rounding step 0.015 is not a multiple of the smallest unit of USD (0.01)\n");
  EXPECT_EQ(errors_of("id: R\ncurrency: JPY\nrounding: 0.5\n"),
            "3:11: rounding step 0.5 is finer than the smallest unit of JPY (1)\n");
  EXPECT_EQ(errors_of("id: R\nrounding: -1\n"),
            "2:11: 'rounding' must be a positive step such as 0.01, 1 or 100, found -1\n");
  EXPECT_EQ(errors_of("id: R\nrounding: 0\n"),
            "2:11: 'rounding' must be a positive step such as 0.01, 1 or 100, found 0\n");
}

TEST(EstimateFields, EveryTopLevelProblemAtOnce) {
  EXPECT_EQ(errors_of("basis: estimate/2\n"
                      "title: [a]\n"
                      "currency: usdd\n"
                      "class: 7\n"
                      "three_point: pret\n"
                      "iteems: []\n"
                      "client: Acme\n"
                      "x-anything: {goes: here}\n"
                      "colour: blue\n"),
            "1:1: the estimate has no 'id'; add one, such as 'id: ACME-PORTAL'\n"
            "1:8: 'basis' must be 'estimate/1' in an estimate file, found 'estimate/2'\n"
            "2:8: expected text for 'title', found a list\n"
            "3:11: unknown currency 'usdd'; did you mean 'USD'?\n"
            "4:8: 'class' must be a whole number from 1 to 5 (the AACE estimate class), found 7\n"
            "5:14: 'three_point' must be 'pert' or 'triangular', found 'pret'; did you mean "
            "'pert'?\n"
            "6:1: unknown estimate field 'iteems'; did you mean 'items'?\n"
            "7:9: expected a map of fields for 'client', found text 'Acme'\n"
            "9:1: unknown estimate field 'colour'; free-form facts go under 'project', or in a "
            "field whose name starts with 'x-'\n");
}

TEST(EstimateFields, ClassAndCurrencyEdges) {
  EXPECT_EQ(
      errors_of("id: C\nclass: 2.5\n"),
      "2:8: 'class' must be a whole number from 1 to 5 (the AACE estimate class), found 2.5\n");
  EXPECT_EQ(errors_of("id: C\nclass: three\n"),
            "2:8: expected a number for 'class', found text 'three'\n");
  Loaded l = load("id: C\nclass: 5\ncurrency: EUR\n");
  ASSERT_TRUE(l.estimate.has_value());
  EXPECT_EQ(l.estimate->estimate_class, 5);
  EXPECT_EQ(l.estimate->currency->code, "EUR");
  EXPECT_EQ(errors_of("id: C\ncurrency: XYZ\n"),
            "2:11: unknown currency 'XYZ'; basis knows AUD, BRL, CAD, CHF, CNY, DKK, EUR, GBP, "
            "HKD, INR, JPY, MXN, NOK, NZD, PLN, SEK, SGD, USD, ZAR\n");
}

TEST(EstimateFields, ClientStyleIsAReaderStyle) {
  EXPECT_EQ(errors_of("id: S\nclient:\n  style: analytcal\n"),
            "3:10: unknown reader style 'analytcal'; did you mean 'analytical'?\n");
  EXPECT_EQ(errors_of("id: S\nclient:\n  style: internal\n"),
            "3:10: 'style: internal' cannot be a client's default: the internal negotiation "
            "brief is produced only when asked for with --style internal\n");
  EXPECT_TRUE(load("id: S\nclient:\n  style: driver\n").estimate.has_value());
}

TEST(EstimateFields, EmptyAndNonMapFiles) {
  EXPECT_EQ(errors_of(""),
            "1:1: the file is empty; an estimate needs at least an 'id' and its 'items'\n");
  EXPECT_EQ(errors_of("# nothing\n"),
            "1:1: the file is empty; an estimate needs at least an 'id' and its 'items'\n");
  EXPECT_EQ(errors_of("- id: A\n"),
            "1:1: an estimate must be a map of fields such as 'id' and 'items', found a list\n");
  EXPECT_EQ(errors_of("just words\n"),
            "1:1: an estimate must be a map of fields such as 'id' and 'items', found text "
            "'just words'\n");
}

// ---------------------------------------------------------------------- YAML 1.2 core

TEST(EstimateYaml, CoreSchemaScalarsInAttributes) {
  Loaded l = load(
      "id: Y\n"
      "items:\n"
      "  - id: 001\n"
      "    name: 42\n"
      "    amount: 10\n"
      "    a: yes\n"
      "    b: on\n"
      "    c: true\n"
      "    d: False\n"
      "    e: ~\n"
      "    f:\n"
      "    g: 1e3\n"
      "    h: \"12\"\n"
      "    i: 007\n"
      "    j: 0.50\n"
      "    k: .inf\n"
      "    l: 12%\n");
  ASSERT_TRUE(l.estimate.has_value()) << l.diagnostics;
  const ItemSyntax& it = l.estimate->items[0];
  EXPECT_EQ(it.id, "001");
  EXPECT_EQ(it.name, "42");
  auto kind = [&](const char* k) { return it.attribute(k)->kind; };
  EXPECT_EQ(kind("a"), Value::Kind::text);
  EXPECT_EQ(it.attribute("a")->text, "yes");
  EXPECT_EQ(kind("b"), Value::Kind::text);
  EXPECT_EQ(kind("c"), Value::Kind::boolean);
  EXPECT_TRUE(it.attribute("c")->boolean);
  EXPECT_EQ(kind("d"), Value::Kind::boolean);
  EXPECT_FALSE(it.attribute("d")->boolean);
  EXPECT_EQ(kind("e"), Value::Kind::null);
  EXPECT_EQ(kind("f"), Value::Kind::null);
  EXPECT_EQ(kind("g"), Value::Kind::number);
  EXPECT_EQ(it.attribute("g")->number, dec("1000"));
  EXPECT_EQ(kind("h"), Value::Kind::text);
  EXPECT_EQ(kind("i"), Value::Kind::text);
  EXPECT_EQ(it.attribute("i")->text, "007");
  EXPECT_EQ(it.attribute("j")->number, dec("0.5"));
  EXPECT_EQ(it.attribute("j")->text, "0.50");
  EXPECT_EQ(kind("k"), Value::Kind::text);
  EXPECT_EQ(kind("l"), Value::Kind::text);
}

TEST(EstimateYaml, NullCostFieldIsAbsent) {
  Loaded l = load("id: N\nitems:\n  - id: A\n    name: a\n    hours: ~\n    amount: 5\n");
  ASSERT_TRUE(l.estimate.has_value()) << l.diagnostics;
  EXPECT_FALSE(l.estimate->items[0].hours.present());
  EXPECT_EQ(l.estimate->items[0].form, CostForm::amount);
}

TEST(EstimateSamples, DataPlatformTakesItsItemsFromACsv) {
  Diagnostics d;
  auto e = load_estimate(sample("consulting/data-platform.yaml"), d);
  ASSERT_TRUE(e.has_value()) << messages(d);
  EXPECT_EQ(e->items_csv, "data-platform.csv");
  ASSERT_TRUE(e->items_source != nullptr);
  EXPECT_EQ(e->items_source->path(), sample("consulting/data-platform.csv"));
  ASSERT_EQ(e->items.size(), 22u);
  const ItemSyntax& dis2 = item(*e, "DIS-02");
  EXPECT_EQ(dis2.pos, (SourcePos{3, 1}));
  EXPECT_EQ(dis2.form, CostForm::hours_rate);
  EXPECT_EQ(dis2.hours.kind, CostValue::Kind::three_point);
  EXPECT_EQ(dis2.hours.points.low, dec("60"));
  EXPECT_EQ(dis2.hours.points.likely, dec("80"));
  EXPECT_EQ(dis2.hours.points.high, dec("130"));
  EXPECT_EQ(dis2.hours.pos, (SourcePos{3, 7}));
  EXPECT_EQ(dis2.rate.rate_name, "data_engineer");
  EXPECT_EQ(dis2.attribute("category")->text, "discovery");
  const ItemSyntax& adv = item(*e, "ADV-01");
  EXPECT_EQ(adv.form, CostForm::quantity_unit_cost);
  EXPECT_EQ(adv.quantity.number, dec("6"));
  EXPECT_EQ(adv.unit_cost.number, dec("2080"));
  EXPECT_EQ(adv.attribute("unit")->text, "day");
  EXPECT_EQ(item(*e, "LIC-02").unit_cost.number, dec("840"));
  EXPECT_EQ(item(*e, "SRV-01").amount.number, dec("14500"));
  EXPECT_EQ(item(*e, "ENB-02").hours.number, dec("57.5"));
  EXPECT_EQ(item(*e, "TST-02").attribute("test_type")->text, "acceptance");
  EXPECT_EQ(item(*e, "DIS-01").attribute("test_type"), nullptr);  // empty cell: absent
  EXPECT_EQ(item(*e, "ING-03").attribute("source")->text, "9 carriers, 3 EDI dialects");
}

// ------------------------------------------------------------------------------- CSV

TEST(EstimateCsvText, BareCsvWithSpreadsheetCells) {
  Loaded l = load(
      "\xEF\xBB\xBFid,name,hours,rate,quantity,unit_cost,amount,billable\r\n"
      "A,Design,40,125,,,,TRUE\r\n"
      "B,Parts,,,12,\"$1,234.50\",,FALSE\r\n"
      "C,Credit,,,,,($350.00),\r\n",
      "csv", "dir/fit-out.csv");
  ASSERT_TRUE(l.estimate.has_value()) << l.diagnostics;
  EXPECT_EQ(l.estimate->id, "fit-out");
  EXPECT_EQ(l.estimate->items.size(), 3u);
  EXPECT_EQ(l.estimate->items[1].unit_cost.number, dec("1234.5"));
  EXPECT_EQ(l.estimate->items[2].amount.number, dec("-350"));
  EXPECT_TRUE(l.estimate->items[0].attribute("billable")->boolean);
  EXPECT_EQ(l.estimate->items_source, nullptr);
}

TEST(EstimateCsvText, ErrorsNameFileRowColumnAndHeader) {
  Diagnostics d;
  auto e = load_estimate_text(text_source("items.csv",
                                          "id,name,hours,rate,unit_cost,quantity\n"
                                          "A,a,forty,100,,\n"
                                          "B,b,,,\xE2\x82\xAC"
                                          "5,2\n"),
                              "csv", d);
  EXPECT_FALSE(e.has_value());
  d.sort();
  EXPECT_EQ(format_diagnostics(d),
            "items.csv:2:3: error: column 'hours': expected a number, found 'forty'\n"
            "items.csv:3:5: error: column 'unit_cost': currency symbol '\xE2\x82\xAC' does not "
            "match the estimate's currency USD ($)\n");
}

TEST(EstimateCsvText, EmptyCsvAndHeaderOnly) {
  EXPECT_EQ(errors_of("", "csv"),
            "1:1: the file is empty; a CSV of items needs a header row and one item a row\n");
  Loaded l = load("id,name,amount\n", "csv", "e.csv");
  ASSERT_TRUE(l.estimate.has_value()) << l.diagnostics;
  EXPECT_TRUE(l.estimate->items.empty());
}

TEST(EstimateCsvText, YamlWrapperPointsIntoTheCsv) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "basis-estimate-loader-test";
  fs::create_directories(dir);
  std::ofstream(dir / "items.csv") << "id,name,hours,rate\nA,a,10,senior\nB,b,5,engineer\n";
  std::ofstream(dir / "est.yaml") << "id: W\ncurrency: EUR\nrates:\n  engineer: 100\n"
                                     "items: {csv: items.csv}\n";
  Diagnostics d;
  auto e = load_estimate((dir / "est.yaml").string(), d);
  EXPECT_FALSE(e.has_value());
  d.sort();
  EXPECT_EQ(format_diagnostics(d), (dir / "items.csv").string() +
                                       ":2:4: error: column 'rate': unknown rate 'senior'; the "
                                       "rate card ('rates') has no such name\n");
  std::ofstream(dir / "items.csv")
      << "id,name,hours,rate,unit_cost\nA,a,10,engineer,\nB,b,5,100,\n";
  Diagnostics ok;
  e = load_estimate((dir / "est.yaml").string(), ok);
  ASSERT_TRUE(e.has_value()) << messages(ok);
  EXPECT_EQ(e->items[0].rate.rate_name, "engineer");
  EXPECT_EQ(e->items[1].rate.number, dec("100"));
  EXPECT_EQ(e->currency->code, "EUR");
  fs::remove_all(dir);
}

// --------------------------------------------------------------------------- items

constexpr const char* kRates =
    "id: E\n"
    "rates:\n"
    "  engineer: 120\n"
    "  qa_engineer: 95\n"
    "items:\n";

TEST(EstimateItems, CostFormsAndTheirErrors) {
  EXPECT_EQ(errors_of(std::string(kRates) + "  - id: A\n"  // 6
                                            "    name: a\n"
                                            "  - id: B\n"  // 8
                                            "    name: b\n"
                                            "    hours: 10\n"  // 10
                                            "    amount: 5\n"
                                            "  - id: C\n"  // 12
                                            "    name: c\n"
                                            "    hours: 10\n"  // 14
                                            "  - id: D\n"      // 15
                                            "    name: d\n"
                                            "    unit_cost: 5\n"  // 17
                                            "  - id: F\n"         // 18
                                            "    name: f\n"
                                            "    hors: 40\n"  // 20
                                            "    rate: engineer\n"
                                            "  - id: G\n"  // 22
                                            "    name: g\n"
                                            "    hours: 1\n"
                                            "    rte: engineer\n"  // 25
                                            "  - id: H\n"          // 26
                                            "    name: h\n"
                                            "    amout: 40\n"  // 28
                                            "  - id: I\n"      // 29
                                            "    name: i\n"
                                            "    amount: 1\n"
                                            "    quantity: 2\n"  // 32
                                            "    unit_cost: 3\n"
                                            "    hours: 4\n"
                                            "    rate: 5\n"),
            "6:5: item 'A' has no cost; give 'hours' and 'rate', 'quantity' and 'unit_cost', or "
            "'amount'\n"
            "11:5: item 'B' gives its cost in more than one way: 'hours' and 'amount'; keep one\n"
            "14:5: item 'C' has 'hours' but no 'rate'\n"
            "17:5: item 'D' has 'unit_cost' but no 'quantity'\n"
            "20:5: item 'F' has 'rate' but no 'hours'; did you mean 'hours'?\n"
            "25:5: item 'G' has 'hours' but no 'rate'; did you mean 'rate'?\n"
            "28:5: item 'H' has no cost; did you mean 'amount'?\n"
            "32:5: item 'I' gives its cost in more than one way: 'amount', 'quantity' x "
            "'unit_cost' and 'hours' x 'rate'; keep one\n");
}

TEST(EstimateItems, MisspeltRateFieldBeforeHours) {
  // "rate but no hours" points at the typo of 'hours', wherever it is.
  EXPECT_EQ(errors_of(std::string(kRates) + "  - id: F\n"
                                            "    name: f\n"
                                            "    hors: 40\n"
                                            "    rate: engineer\n"),
            "8:5: item 'F' has 'rate' but no 'hours'; did you mean 'hours'?\n");
}

TEST(EstimateItems, ValuesOfCostFields) {
  EXPECT_EQ(errors_of(std::string(kRates) + "  - id: A\n"  // 6
                                            "    name: a\n"
                                            "    hours: forty\n"      // 8
                                            "    rate: qa_enginer\n"  // 9
                                            "  - id: B\n"
                                            "    name: b\n"
                                            "    hours: -8\n"  // 12
                                            "    rate: -1\n"   // 13
                                            "  - id: C\n"
                                            "    name: c\n"
                                            "    quantity: \"4\"\n"       // 16
                                            "    unit_cost: $1,234.50\n"  // 17
                                            "  - id: D\n"
                                            "    name: d\n"
                                            "    amount: [1]\n"  // 20
                                            "  - id: E\n"
                                            "    name: e\n"
                                            "    amount: true\n"  // 23
                                            "  - id: F\n"
                                            "    name: f\n"
                                            "    amount: 1e30\n"  // 26
                                            "  - id: G\n"
                                            "    name: g\n"
                                            "    hours: 1\n"
                                            "    rate: senior\n"),  // 30
            "8:12: expected a number for 'hours', found text 'forty'\n"
            "9:11: unknown rate 'qa_enginer'; did you mean 'qa_engineer'?\n"
            "12:12: 'hours' cannot be negative (found -8); only an 'amount' can be negative, for "
            "a credit\n"
            "13:11: 'rate' cannot be negative (found -1); only an 'amount' can be negative, for a "
            "credit\n"
            "16:15: expected a number for 'quantity', found text '4'; remove the quotes\n"
            "17:16: expected a number or a rate name for 'unit_cost', found text '$1,234.50'; "
            "write 1234.50\n"
            "20:13: expected a number or a three-point value {low, likely, high} for 'amount', "
            "found a list\n"
            "23:13: expected a number for 'amount', found true\n"
            "26:13: the number 1e30 for 'amount' is too large or has more than 20 decimal places\n"
            "30:11: unknown rate 'senior'; the rate card ('rates') has no such name\n");
}

TEST(EstimateItems, NegativeAmountIsACredit) {
  Loaded l = load("id: E\nitems:\n  - id: A\n    name: a\n    amount: -350.25\n");
  ASSERT_TRUE(l.estimate.has_value()) << l.diagnostics;
  EXPECT_EQ(l.estimate->items[0].amount.number, dec("-350.25"));
}

TEST(EstimateItems, RateNameWithoutARateCard) {
  EXPECT_EQ(errors_of("id: E\nitems:\n  - id: A\n    name: a\n    hours: 1\n    rate: engineer\n"),
            "6:11: unknown rate 'engineer': the estimate has no rate card ('rates')\n");
}

TEST(EstimateItems, UnitCostMayNameARate) {
  Loaded l = load(std::string(kRates) +
                  "  - id: A\n    name: a\n    quantity: 3\n    unit_cost: engineer\n");
  ASSERT_TRUE(l.estimate.has_value()) << l.diagnostics;
  EXPECT_EQ(l.estimate->items[0].unit_cost.kind, CostValue::Kind::rate_name);
  EXPECT_EQ(l.estimate->items[0].unit_cost.rate_name, "engineer");
}

TEST(EstimateItems, ThreePointValues) {
  EXPECT_EQ(errors_of(std::string(kRates) + "  - id: A\n"
                                            "    name: a\n"
                                            "    hours: {low: 50, likely: 40, high: 60}\n"  // 8
                                            "    rate: engineer\n"
                                            "  - id: B\n"
                                            "    name: b\n"
                                            "    hours: {low: 5, hgih: 3}\n"  // 12
                                            "    rate: engineer\n"
                                            "  - id: C\n"
                                            "    name: c\n"
                                            "    hours:\n"  // 16
                                            "      low: -1\n"
                                            "      likely: x\n"
                                            "      high: 3\n"
                                            "      typical: 2\n"  // 20
                                            "    rate: engineer\n"
                                            "  - id: D\n"
                                            "    name: d\n"
                                            "    amount: {}\n"),  // 24
            "8:12: the three-point value for 'hours' must have low <= likely <= high, found low "
            "50, likely 40, high 60\n"
            "12:12: the three-point value for 'hours' is missing 'likely' and 'high'\n"
            "12:21: unknown field 'hgih' in the three-point value for 'hours'; did you mean "
            "'high'?\n"
            "17:12: 'hours' cannot be negative (found -1); only an 'amount' can be negative, for "
            "a credit\n"
            "18:15: expected a number for 'likely' of 'hours', found text 'x'\n"
            "20:7: unknown field 'typical' in the three-point value for 'hours'; use low, likely "
            "and high\n"
            "24:13: the three-point value for 'amount' is missing 'low', 'likely' and 'high'\n");
  Loaded l = load(std::string(kRates) +
                  "  - id: A\n    name: a\n    amount: {low: -300, likely: -200, high: 0}\n");
  ASSERT_TRUE(l.estimate.has_value()) << l.diagnostics;
  EXPECT_EQ(l.estimate->items[0].amount.kind, CostValue::Kind::three_point);
  EXPECT_EQ(l.estimate->items[0].amount.points.low, dec("-300"));
}

TEST(EstimateItems, FlatThreePointFieldsInYaml) {
  Loaded l = load(std::string(kRates) +
                  "  - id: A\n    name: a\n    hours_low: 1\n    hours_likely: 2\n"
                  "    hours_high: 4\n    rate: engineer\n");
  ASSERT_TRUE(l.estimate.has_value()) << l.diagnostics;
  EXPECT_EQ(l.estimate->items[0].hours.kind, CostValue::Kind::three_point);
  EXPECT_EQ(l.estimate->items[0].hours.points.high, dec("4"));
  EXPECT_EQ(l.estimate->items[0].hours.pos, (SourcePos{8, 16}));
  EXPECT_TRUE(l.estimate->items[0].attributes.empty());
  EXPECT_EQ(
      errors_of(
          std::string(kRates) +
          "  - id: A\n    name: a\n    hours: 3\n    hours_low: 1\n    rate: engineer\n"
          "  - id: B\n    name: b\n    hours_high: 1\n    hours_low: 2\n    rate: engineer\n"),
      "9:5: 'hours_low' cannot be used together with 'hours'; give either one figure or the "
      "three points\n"
      "13:5: the three-point value for 'hours' is missing 'hours_likely'\n");
}

TEST(EstimateItems, IdsNamesAndDuplicates) {
  EXPECT_EQ(errors_of("id: E\n"
                      "items:\n"
                      "  - id: DEV-01\n"  // 3
                      "    name: a\n"
                      "    amount: 1\n"
                      "  - id: DEV-01\n"  // 6
                      "    name: b\n"
                      "    amount: 1\n"
                      "  - name: c\n"  // 9
                      "    amount: 1\n"
                      "  - id: X\n"  // 11
                      "    amount: 1\n"
                      "  - id: [Y]\n"  // 13
                      "    name: y\n"
                      "    amount: 1\n"
                      "  - just text\n"   // 16
                      "  - id: DEV-01\n"  // 17
                      "    name: d\n"
                      "    amount: 1\n"),
            "6:9: duplicate item id 'DEV-01'; each item needs its own id\n"
            "  note 3:9: 'DEV-01' is first used here\n"
            "9:5: item 3 has no 'id'\n"
            "11:5: item 'X' has no 'name'\n"
            "13:9: expected text for 'id', found a list\n"
            "16:5: expected an item (a map with 'id', 'name' and a cost), found text 'just text'\n"
            "17:9: duplicate item id 'DEV-01'; each item needs its own id\n"
            "  note 3:9: 'DEV-01' is first used here\n");
}

TEST(EstimateItems, InternalBlock) {
  Loaded l = load(
      "id: E\nitems:\n  - id: A\n    name: a\n    amount: 10\n    internal:\n"
      "      cost: 7\n");
  ASSERT_TRUE(l.estimate.has_value()) << l.diagnostics;
  const ItemSyntax& a = l.estimate->items[0];
  EXPECT_EQ(a.internal.find("cost")->number, dec("7"));
  EXPECT_EQ(a.attribute("internal"), nullptr);
  EXPECT_EQ(errors_of("id: E\nitems:\n  - id: A\n    name: a\n    amount: 10\n    internal: 7\n"),
            "6:15: expected a map for 'internal', found 7\n");
}

TEST(EstimateItems, ItemsMustBeAListOrACsv) {
  EXPECT_EQ(errors_of("id: E\nitems: 5\n"),
            "2:8: expected a list of items or {csv: file.csv} for 'items', found 5\n");
  EXPECT_EQ(errors_of("id: E\nitems: {cvs: a.csv}\n"),
            "2:8: expected a list of items or {csv: file.csv} for 'items', found a map without "
            "'csv'\n"
            "2:9: unknown field 'cvs' in 'items'; did you mean 'csv'?\n");
  EXPECT_EQ(errors_of("id: E\nitems: {csv: no-such-file.csv}\n"),
            "2:14: cannot open 'no-such-file.csv': No such file or directory\n");
}

// ---------------------------------------------------------------------- adjustments

TEST(EstimateAdjustments, PercentagesAndAmounts) {
  Loaded l = load(
      "id: E\nadjustments:\n"
      "  - id: a\n    percent: 12%\n"
      "  - id: b\n    percent: -5%\n    kind: discount\n"
      "  - id: c\n    percent: 2.5%\n    label: Two and a half\n    kind: fee\n"
      "  - id: d\n    amount: -5000\n    kind: tax\n"
      "  - id: e\n    percent: 4%\n    applies_to: category == \"materials\"\n"
      "    base: direct\n    kind: escalation\n");
  ASSERT_TRUE(l.estimate.has_value()) << l.diagnostics;
  const auto& a = l.estimate->adjustments;
  ASSERT_EQ(a.size(), 5u);
  EXPECT_EQ(a[0].percent, dec("0.12"));
  EXPECT_EQ(a[0].kind, AdjustmentKind::other);
  EXPECT_EQ(a[0].label, "a");
  EXPECT_EQ(a[1].percent, dec("-0.05"));
  EXPECT_EQ(a[1].kind, AdjustmentKind::discount);
  EXPECT_EQ(a[2].percent, dec("0.025"));
  EXPECT_EQ(a[2].label, "Two and a half");
  EXPECT_EQ(a[3].amount, dec("-5000"));
  EXPECT_EQ(a[3].kind, AdjustmentKind::tax);
  EXPECT_EQ(a[4].base, AdjustmentBase::applies_to);
  EXPECT_EQ(a[4].applies_to.text, "category == \"materials\"");
}

TEST(EstimateAdjustments, Errors) {
  EXPECT_EQ(errors_of("id: E\n"
                      "adjustments:\n"
                      "  - id: pm\n"  // 3
                      "    kind: overheads\n"
                      "    percent: 12\n"  // 5
                      "  - id: pm\n"       // 6
                      "    percent: 0.12\n"
                      "    amount: 5\n"  // 8
                      "    applies_to: category == \"x\"\n"
                      "    base: subtotal\n"  // 10
                      "  - id: c\n"           // 11
                      "    precent: 5%\n"
                      "  - kind: fee\n"  // 13
                      "    percent: twelve\n"
                      "    base: total\n"  // 15
                      "    label: [x]\n"
                      "    x-note: ignored\n"
                      "    frobnicate: 1\n"  // 18
                      "  - id: z\n"
                      "    amount: 1\n"
                      "    applies_to: \"  \"\n"),  // 21
            "4:11: unknown adjustment kind 'overheads'; did you mean 'overhead'?\n"
            "5:14: a percentage needs a % sign: write '12%'\n"
            "6:9: duplicate adjustment id 'pm'; each adjustment needs its own id\n"
            "  note 3:9: 'pm' is first used here\n"
            "7:14: a percentage needs a % sign: write '12%' (0.12 as a fraction) or '0.12%'\n"
            "8:5: adjustment 'pm' has both 'percent' and 'amount'; keep one\n"
            "10:11: 'applies_to' and 'base: subtotal' cannot be used together: an adjustment "
            "applies either to the items that match or to the subtotal\n"
            "11:5: adjustment 'c' has neither 'percent' nor 'amount'; give one, such as "
            "'percent: 10%' or 'amount: -5000'\n"
            "12:5: unknown adjustment field 'precent'; did you mean 'percent'?\n"
            "13:5: adjustment 4 has no 'id'\n"
            "14:14: expected a percentage such as '12%' for 'percent', found text 'twelve'\n"
            "15:11: 'base' must be 'direct' or 'subtotal', found 'total'\n"
            "16:12: expected text for 'label', found a list\n"
            "18:5: unknown adjustment field 'frobnicate'; an adjustment has id, kind, label, "
            "percent, amount, applies_to and base\n"
            "21:17: 'applies_to' is empty; write a filter over items, such as category == "
            "\"materials\"\n");
}

TEST(EstimateAdjustments, PercentInJsonIsAString) {
  Loaded l = load(R"({"id": "J", "adjustments": [{"id": "a", "percent": "8%"},
 {"id": "b", "percent": 8}]})",
                  "json", "e.json");
  EXPECT_FALSE(l.estimate.has_value());
  EXPECT_EQ(l.diagnostics, "2:25: a percentage needs a % sign: write '8%'\n");
}

// ------------------------------------------------------------- risks and text lists

TEST(EstimateLists, RisksAssumptionsExclusions) {
  Loaded l = load(
      "id: E\nrisks:\n  - id: R1\n    title: Late sandbox\n    probability: 30%\n"
      "    impact: 24000\n    owner: PM\nassumptions:\n  - One\n  - 2\n"
      "exclusions: []\n");
  ASSERT_TRUE(l.estimate.has_value()) << l.diagnostics;
  const RiskSyntax& r = l.estimate->risks[0];
  EXPECT_EQ(r.title, "Late sandbox");
  EXPECT_EQ(r.probability, dec("0.3"));
  EXPECT_EQ(r.impact, dec("24000"));
  ASSERT_EQ(r.attributes.size(), 1u);
  EXPECT_EQ(r.attributes[0].first, "owner");
  EXPECT_EQ(l.estimate->assumptions, (std::vector<std::string>{"One", "2"}));
  EXPECT_TRUE(l.estimate->exclusions.empty());

  EXPECT_EQ(errors_of("id: E\n"
                      "risks:\n"
                      "  - id: R1\n"
                      "    probability: 130%\n"  // 4
                      "    impact: lots\n"       // 5
                      "  - id: R1\n"             // 6
                      "    probability: 0.3\n"   // 7
                      "  - title: no id\n"       // 8
                      "assumptions:\n"
                      "  - Client provides: devices\n"  // 10
                      "exclusions: Hosting\n"),         // 11
            "4:18: 'probability' must be between 0% and 100%, found 130%\n"
            "5:13: expected a number for 'impact', found text 'lots'\n"
            "6:9: duplicate risk id 'R1'; each risk needs its own id\n"
            "  note 3:9: 'R1' is first used here\n"
            "7:18: a percentage needs a % sign: write '30%' (0.3 as a fraction) or '0.3%'\n"
            "8:5: risk 3 has no 'id'\n"
            "10:5: expected a sentence in 'assumptions', found a map; put the sentence in quotes "
            "when it contains ': '\n"
            "11:13: expected a list of sentences for 'exclusions' (one per line, each starting "
            "with '- '), found text 'Hosting'\n");
}

TEST(EstimateRates, Errors) {
  EXPECT_EQ(errors_of("id: E\nrates:\n  a: -5\n  b: lots\n  c:\n  d: {low: 1}\n"
                      "items:\n  - id: X\n    name: x\n    hours: 1\n    rate: a\n"),
            "3:6: rate 'a' cannot be negative (found -5)\n"
            "4:6: expected a number for rate 'b', found text 'lots'\n"
            "5:3: rate 'c' has no price\n"
            "6:6: expected a number for rate 'd', found a map\n");
  EXPECT_EQ(errors_of("id: E\nrates: [1, 2]\n"),
            "2:8: expected a map of rate names and prices for 'rates' (such as 'engineer: 120'), "
            "found a list\n");
}

// ----------------------------------------------------------------------------- JSON

TEST(EstimateJson, NumbersAreExactAndStringsAreText) {
  Loaded l = load(R"({"id": "J", "rates": {"engineer": 120.10},
 "items": [
  {"id": "A", "name": "a", "quantity": 9, "unit_cost": 2187.40, "flag": true, "n": null},
  {"id": "B", "name": "b", "hours": {"low": 1, "likely": 2.5, "high": 4}, "rate": "engineer"},
  {"id": "C", "name": "c", "amount": 0.1, "code": "001", "count": 7}
 ]})",
                  "json", "e.json");
  ASSERT_TRUE(l.estimate.has_value()) << l.diagnostics;
  const auto& items = l.estimate->items;
  EXPECT_EQ(items[0].unit_cost.number, dec("2187.4"));
  EXPECT_EQ(items[0].unit_cost.pos, (SourcePos{3, 56}));
  EXPECT_EQ(items[0].attribute("flag")->kind, Value::Kind::boolean);
  EXPECT_EQ(items[0].attribute("n")->kind, Value::Kind::null);
  EXPECT_EQ(items[1].hours.points.likely, dec("2.5"));
  EXPECT_EQ(items[1].rate.rate_name, "engineer");
  EXPECT_EQ(items[2].amount.number, dec("0.1"));
  EXPECT_EQ(items[2].attribute("code")->text, "001");
  EXPECT_EQ(items[2].attribute("count")->number, dec("7"));
  EXPECT_EQ(l.estimate->rates[0].price, dec("120.1"));
}

TEST(EstimateJson, Errors) {
  EXPECT_EQ(errors_of(R"({"id": "J", "rates": {"engineer": 120},
 "items": [{"id": "A", "name": "a", "hours": "40", "rate": "enginer"}]})",
                      "json"),
            "2:46: expected a number for 'hours', found text '40'; remove the quotes\n"
            "2:60: unknown rate 'enginer'; did you mean 'engineer'?\n");
}

// -------------------------------------------------------------------- aliases (bounds)

TEST(EstimateBounds, BillionLaughsStopsWithOneError) {
  std::string text = "id: BOMB\nx-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (char c = 'b'; c <= 'i'; ++c) {
    const char prev = static_cast<char>(c - 1);
    text += std::string("x-") + c + ": &" + c + " [";
    for (int i = 0; i < 9; ++i) text += std::string(i ? ", *" : "*") + prev;
    text += "]\n";
  }
  text += "project:\n  all: *i\n";  // line 11
  EXPECT_EQ(errors_of(text),
            "12:3: this value uses aliases that expand to more than 1,000,000 values; basis "
            "stops reading the file here (write the values out, or use fewer aliases)\n");
}

TEST(EstimateBounds, AliasesCannotStackNestingWithoutLimit) {
  // Each alias adds one level; 1,100 of them nest deeper than the converter follows.
  std::string text = "id: DEEP\nx-0: &a0 [x]\n";
  for (int i = 1; i <= 1100; ++i) {
    text += "x-" + std::to_string(i) + ": &a" + std::to_string(i) + " [*a" + std::to_string(i - 1) +
            "]\n";
  }
  text += "project:\n  deep: *a1100\n";
  Loaded l = load(text);
  EXPECT_FALSE(l.estimate.has_value());
  EXPECT_NE(l.diagnostics.find("values are nested too deeply here (more than 1000 levels)"),
            std::string::npos)
      << l.diagnostics;
}

TEST(EstimateBounds, OrdinaryAliasesAreExpanded) {
  Loaded l = load("id: A\nx-common: &c {phase: build}\nproject:\n  one: *c\n  two: *c\n");
  ASSERT_TRUE(l.estimate.has_value()) << l.diagnostics;
  EXPECT_EQ(l.estimate->project.find("two")->find("phase")->text, "build");
}

// --------------------------------------------------------------- CSV (hand-built tree)

// A CSV Document as the CSV loader builds it: a list of row maps whose keys are the header
// cells, positions row:column, empty cells left out.
struct CsvBuilder {
  Document doc;
  std::vector<NodeId> header;

  CsvBuilder(std::string path, const std::vector<std::string>& columns,
             const std::vector<std::vector<std::string>>& rows) {
    std::string text;
    auto line = [&](const std::vector<std::string>& cells) {
      for (std::size_t i = 0; i < cells.size(); ++i) text += (i ? "," : "") + cells[i];
      text += "\n";
    };
    line(columns);
    for (const auto& r : rows) line(r);
    doc.source = text_source(std::move(path), text);
    for (std::size_t c = 0; c < columns.size(); ++c) {
      header.push_back(cell(columns[c], 1, static_cast<std::uint32_t>(c + 1)));
    }
    Node root;
    root.kind = NodeKind::sequence;
    root.pos = {2, 1};
    std::vector<NodeId> row_ids;
    for (std::size_t r = 0; r < rows.size(); ++r) {
      Node row;
      row.kind = NodeKind::map;
      row.pos = row.content_pos = {static_cast<std::uint32_t>(r + 2), 1};
      for (std::size_t c = 0; c < rows[r].size() && c < columns.size(); ++c) {
        if (rows[r][c].empty()) continue;
        row.children.push_back(header[c]);
        row.children.push_back(
            cell(rows[r][c], static_cast<std::uint32_t>(r + 2), static_cast<std::uint32_t>(c + 1)));
      }
      doc.nodes.push_back(std::move(row));
      row_ids.push_back(static_cast<NodeId>(doc.nodes.size() - 1));
    }
    root.children = row_ids;
    doc.nodes.push_back(std::move(root));
    doc.root = static_cast<NodeId>(doc.nodes.size() - 1);
  }

  NodeId cell(std::string text, std::uint32_t row, std::uint32_t column) {
    Node n;
    n.style = ScalarStyle::csv_cell;
    n.pos = n.content_pos = {row, column};
    n.text = std::move(text);
    doc.nodes.push_back(std::move(n));
    return static_cast<NodeId>(doc.nodes.size() - 1);
  }
};

TEST(EstimateCsv, BareCsvGetsAnEstimateNamedAfterTheFile) {
  CsvBuilder b("data/line-items.csv",
               {"id", "name", "category", "hours", "rate", "quantity", "unit_cost", "amount",
                "billable", "zip", "amount_note", "internal.cost"},
               {{"A-1", "Design", "design", "40", "125", "", "", "", "TRUE", "02134", "", "90"},
                {"A-2", "Parts", "materials", "", "", "12", "$1,234.50", "", "false", "", "x", ""},
                {"A-3", "Credit", "services", "", "", "", "", "($350.00)", "", "", "", ""},
                {"A-4", "Share", "services", "", "", "", "", "12%", "", "", "", ""}});
  Diagnostics d;
  auto e = detail::read_csv_estimate(b.doc, d);
  ASSERT_TRUE(e.has_value()) << messages(d);
  EXPECT_EQ(e->id, "line-items");
  EXPECT_EQ(e->currency->code, "USD");
  ASSERT_EQ(e->items.size(), 4u);
  const ItemSyntax& a1 = e->items[0];
  EXPECT_EQ(a1.pos, (SourcePos{2, 1}));
  EXPECT_EQ(a1.form, CostForm::hours_rate);
  EXPECT_EQ(a1.hours.number, dec("40"));
  EXPECT_EQ(a1.rate.kind, CostValue::Kind::number);
  EXPECT_EQ(a1.rate.number, dec("125"));
  EXPECT_EQ(a1.rate.pos, (SourcePos{2, 5}));
  EXPECT_TRUE(a1.attribute("billable")->boolean);
  EXPECT_EQ(a1.attribute("zip")->kind, Value::Kind::text);
  EXPECT_EQ(a1.internal.find("cost")->number, dec("90"));
  EXPECT_EQ(a1.attribute("internal.cost"), nullptr);
  EXPECT_EQ(e->items[1].unit_cost.number, dec("1234.5"));
  EXPECT_EQ(e->items[1].attribute("billable")->kind, Value::Kind::boolean);
  EXPECT_FALSE(e->items[1].attribute("billable")->boolean);
  EXPECT_EQ(e->items[2].amount.number, dec("-350"));
  EXPECT_EQ(e->items[3].amount.number, dec("0.12"));
}

TEST(EstimateCsv, CellErrorsNameTheColumn) {
  CsvBuilder b("items.csv",
               {"id", "name", "hours", "rate", "quantity", "unit_cost", "amount", "hours_low",
                "hours_likely", "hours_high"},
               {{"A", "a", "forty", "engineer", "", "", "", "", "", ""},
                {"B", "b", "", "", "2",
                 "\xE2\x82\xAC"
                 "5",
                 "", "", "", ""},
                {"C", "c", "-8", "12.3.4", "", "", "", "", "", ""},
                {"D", "d", "", "100", "", "", "", "5", "", "3"},
                {"E", "e", "", "100", "", "", "", "5", "4", "3"},
                {"A", "f", "", "", "", "", "1", "", "", ""},
                {"", "g", "", "", "", "", "1", "", "", ""},
                {"H", "h", "2", "100", "", "", "", "1", "", ""}});
  Diagnostics d;
  EXPECT_FALSE(detail::read_csv_estimate(b.doc, d).has_value());
  EXPECT_EQ(messages(d),
            "2:3: column 'hours': expected a number, found 'forty'\n"
            "2:4: column 'rate': unknown rate 'engineer': a CSV file on its own has no rate card; "
            "give the rate as a number, or take the items into a YAML estimate with 'items: "
            "{csv: ...}' and a 'rates' map\n"
            "3:6: column 'unit_cost': currency symbol '\xE2\x82\xAC' does not match the estimate's "
            "currency USD ($)\n"
            "4:3: column 'hours': cannot be negative (found -8); only an 'amount' can be "
            "negative, for a credit\n"
            "4:4: column 'rate': expected a number or a rate name, found '12.3.4'\n"
            "5:8: the three-point value for 'hours' is missing 'hours_likely'\n"
            "6:8: the three points 'hours_low', 'hours_likely', 'hours_high' must be in order "
            "(low <= likely <= high), found 5, 4, 3\n"
            "7:1: duplicate item id 'A'; each item needs its own id\n"
            "  note 2:1: 'A' is first used here\n"
            "8:1: the item on row 8 has no 'id'\n"
            "9:8: column 'hours_low': 'hours_low' cannot be used together with 'hours'; give "
            "either one figure or the three points\n");
}

TEST(EstimateCsv, MisspeltCostColumn) {
  CsvBuilder b("items.csv", {"id", "name", "hors", "rate"}, {{"A", "a", "40", "100"}});
  Diagnostics d;
  EXPECT_FALSE(detail::read_csv_estimate(b.doc, d).has_value());
  EXPECT_EQ(messages(d), "2:3: item 'A' has 'rate' but no 'hours'; did you mean 'hours'?\n");
}

// ------------------------------------------------------------------------ load_estimate

TEST(LoadEstimate, FileProblems) {
  Diagnostics d;
  EXPECT_FALSE(load_estimate("estimate.txt", d).has_value());
  EXPECT_FALSE(load_estimate("/no/such/dir/estimate.yaml", d).has_value());
  EXPECT_EQ(format_diagnostics(d),
            "estimate.txt: error: cannot tell the format of an estimate from its name; use a "
            "file ending in .yaml, .yml, .json or .csv\n"
            "/no/such/dir/estimate.yaml: error: cannot open '/no/such/dir/estimate.yaml': No "
            "such file or directory\n");
  Diagnostics e;
  EXPECT_FALSE(load_estimate_text(text_source("x", "id: A\n"), "toml", e).has_value());
  EXPECT_EQ(format_diagnostics(e),
            "x: error: unknown estimate format 'toml'; use yaml, json or csv\n");
}

TEST(LoadEstimate, ErrorsAlreadyInTheListDoNotFailALaterLoad) {
  Diagnostics d;
  d.file_error("other", "an earlier problem");
  EXPECT_TRUE(load_estimate_text(text_source("e.yaml", "id: A\n"), "yaml", d).has_value());
}

// ---------------------------------------------------------------- robustness (mutations)

// Thousands of small corruptions of real files: nothing may crash or hang (the sanitizer
// build runs this too), and an estimate comes back exactly when no error was reported.
TEST(EstimateRobustness, MutatedFilesNeverCrash) {
  struct Input {
    std::string path, format, text;
  };
  std::string yaml;
  {
    // The header, rates and the first items reach every part; cut at an item boundary.
    std::ifstream in(sample("software/portal-v3.yaml"));
    std::string line;
    for (int n = 0; std::getline(in, line) && n < 60; ++n) yaml += line + "\n";
    yaml +=
        "adjustments:\n  - id: pm\n    percent: 8%\n  - id: c\n    percent: 10%\n"
        "    base: subtotal\nrisks:\n  - id: R1\n    probability: 30%\n    impact: 100\n";
  }
  std::vector<Input> inputs = {
      {"m.yaml", "yaml", yaml},
      {"m.csv", "csv",
       "id,name,hours,rate,hours_low,hours_likely,hours_high,quantity,unit_cost,amount,flag\n"
       "A,a,10,\"$120.00\",,,,,,,TRUE\nB,b,,95,1,2,3,,,,\nC,c,,,,,,4,\"$5.00\",,x\n"
       "D,d,,,,,,,,\"($5.00)\",\n"},
      {"m.json", "json",
       R"({"id": "J", "rates": {"e": 10}, "items": [{"id": "A", "name": "a", "hours": )"
       R"({"low": 1, "likely": 2, "high": 3}, "rate": "e"}, {"id": "B", "name": "b", )"
       R"("amount": 5}], "adjustments": [{"id": "x", "percent": "5%", "base": "subtotal"}]})"},
  };
  for (const Input& in : inputs) {
    Diagnostics d;
    ASSERT_TRUE(load_estimate_text(text_source(in.path, in.text), in.format, d).has_value())
        << in.path << "\n"
        << messages(d);
  }
  const std::string pieces[] = {"",   ":",    "-",  " ", "\n", "[",  "{",    "]",           "}",
                                "\"", "'",    "%",  "$", ",",  "*a", "&a",   "~",           "0",
                                "-1", "1e99", "\t", "#", "(",  "x",  "\xC3", "\xE2\x82\xAC"};
  std::uint64_t state = 12345;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
  };
  int loaded = 0, failed = 0;
  for (const Input& in : inputs) {
    for (int round = 0; round < 700; ++round) {
      std::string text = in.text;
      for (int edits = 1 + static_cast<int>(next() % 3); edits > 0; --edits) {
        const std::size_t at = next() % (text.size() + 1);
        const std::size_t cut = next() % 3;
        text.replace(at, std::min(cut, text.size() - at), pieces[next() % std::size(pieces)]);
      }
      Diagnostics d;
      auto e = load_estimate_text(text_source(in.path, text), in.format, d);
      EXPECT_EQ(e.has_value(), !d.has_errors()) << text;
      (e ? loaded : failed) += 1;
      for (const Diagnostic& x : d.items()) {
        EXPECT_FALSE(x.message.empty());
        format_diagnostic(x);  // excerpts of odd positions must not crash either
      }
    }
  }
  // Both outcomes occur: the mutations reach past the syntax into the checks.
  EXPECT_GT(loaded, 50);
  EXPECT_GT(failed, 50);
}

}  // namespace
}  // namespace basis
