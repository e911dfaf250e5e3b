// The query language: what each construct turns into, and a clear error
// with the right byte position for each malformed query.
#include "index/query_parser.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "index/schema.h"
#include "libsearch/error.h"

namespace libsearch {
namespace {

std::set<std::string> Terms(const Xapian::Query& q) {
  return std::set<std::string>(q.get_terms_begin(), q.get_terms_end());
}

class QueryParserTest : public ::testing::Test {
 protected:
  ParsedQuery Parse(const std::string& q, DefaultOperator op = DefaultOperator::kAnd) {
    return QueryParser(analyzer_, op).Parse(q);
  }
  std::string Z(const std::string& word) { return "Z" + analyzer_.StemWord(word); }
  Analyzer analyzer_;
};

TEST_F(QueryParserTest, PlainWordsAreStemsCombinedWithAnd) {
  ParsedQuery p = Parse("البنك المركزي");
  // Each stem, plus the form as typed for ranking (exact_form_weight).
  EXPECT_EQ(Terms(p.query),
            (std::set<std::string>{Z("البنك"), "البنك", Z("المركزي"), "المركزي"}));
  EXPECT_NE(p.query.get_description().find("AND"), std::string::npos);
  EXPECT_EQ(Parse("البنك المركزي", DefaultOperator::kOr).query.get_description().find("AND"),
            std::string::npos);
}

TEST_F(QueryParserTest, DiacritisedPhraseUsesNormalizedPositionalTerms) {
  ParsedQuery p = Parse("\"البَنْكُ المَرْكَزِيُّ\"");
  EXPECT_EQ(Terms(p.query), (std::set<std::string>{"البنك", "المركزي"}));
  EXPECT_NE(p.query.get_description().find("PHRASE"), std::string::npos);
  ASSERT_EQ(p.highlight.phrases.size(), 1u);
  EXPECT_EQ(p.highlight.phrases[0], (std::vector<std::string>{"البنك", "المركزي"}));
  // Guillemets delimit phrases too.
  EXPECT_EQ(Terms(Parse("«البنك المركزي»").query), Terms(p.query));
}

TEST_F(QueryParserTest, Fields) {
  EXPECT_EQ(Terms(Parse("title:الفضاء").query),
            (std::set<std::string>{"ZS" + analyzer_.StemWord("الفضاء"), "Sالفضاء"}));
  EXPECT_EQ(Terms(Parse("title:\"وكالة الفضاء\"").query), (std::set<std::string>{"Sوكاله", "Sالفضاء"}));
  EXPECT_EQ(Terms(Parse("source:\"بي بي سي عربي\"").query), (std::set<std::string>{"XSRCبي بي سي عربي"}));
  EXPECT_EQ(Terms(Parse("source:الجزيرة").query), (std::set<std::string>{"XSRCالجزيره"}));
  EXPECT_EQ(Terms(Parse("id:sample-001").query), (std::set<std::string>{"Qsample-001"}));
  // An unknown field name is just text (a URL, a time).
  EXPECT_TRUE(Terms(Parse("foo:bar").query).count("foo") || Terms(Parse("foo:bar").query).size() == 1);
}

TEST_F(QueryParserTest, DatesInEitherDigitScript) {
  const std::string want = "VALUE_RANGE 0 20240101 20241231";
  EXPECT_NE(Parse("date:2024").query.get_description().find(want), std::string::npos);
  EXPECT_NE(Parse("date:٢٠٢٤").query.get_description().find(want), std::string::npos);
  EXPECT_NE(Parse("date:2024-01-01..2024-12-31").query.get_description().find(want), std::string::npos);
  EXPECT_NE(Parse("date:2024-02").query.get_description().find("20240201 20240229"), std::string::npos);
  EXPECT_NE(Parse("date:2024..").query.get_description().find("VALUE_GE 0 20240101"), std::string::npos);
  EXPECT_NE(Parse("date:..2023-06").query.get_description().find("VALUE_LE 0 20230630"), std::string::npos);
}

TEST_F(QueryParserTest, BooleanOperatorsAndModifiers) {
  EXPECT_NE(Parse("برشلونة NOT مدريد").query.get_description().find("AND_NOT"), std::string::npos);
  EXPECT_NE(Parse("برشلونة -مدريد").query.get_description().find("AND_NOT"), std::string::npos);
  EXPECT_NE(Parse("برشلونة AND NOT مدريد").query.get_description().find("AND_NOT"), std::string::npos);
  EXPECT_NE(Parse("برشلونة OR مدريد").query.get_description().find(" OR "), std::string::npos);
  // Pure NOT matches everything else.
  EXPECT_NE(Parse("NOT مدريد").query.get_description().find("<alldocuments> AND_NOT"), std::string::npos);
  // Excluded words are not highlighted.
  EXPECT_EQ(Parse("برشلونة -مدريد").highlight.stems.size(), 1u);
}

TEST_F(QueryParserTest, ExactFormSkipsStemming) {
  EXPECT_EQ(Terms(Parse("=الكتاب").query), (std::set<std::string>{"الكتاب"}));
  EXPECT_EQ(Terms(Parse("=الكِتاب").query), (std::set<std::string>{"الكتاب"}));
}

TEST_F(QueryParserTest, WordsTheTokenizerSplitsBecomePhrases) {
  ParsedQuery p = Parse("عام2024");
  EXPECT_EQ(Terms(p.query), (std::set<std::string>{"عام", "2024"}));
  EXPECT_NE(p.query.get_description().find("PHRASE"), std::string::npos);
}

TEST_F(QueryParserTest, StopwordsDroppedUnlessAlone) {
  ParsedQuery p = Parse("في البنك");
  EXPECT_EQ(Terms(p.query), (std::set<std::string>{Z("البنك"), "البنك"}));
  EXPECT_EQ(Terms(Parse("في").query), (std::set<std::string>{"في"}));
  // Kept inside phrases.
  EXPECT_EQ(Terms(Parse("\"في البنك\"").query), (std::set<std::string>{"في", "البنك"}));
}

TEST_F(QueryParserTest, ExactFormWeightOnlyAddsRankingTerms) {
  // Off: the stems alone.
  ParsedQuery off = QueryParser(analyzer_, DefaultOperator::kAnd, 0).Parse("البنك المركزي");
  EXPECT_EQ(Terms(off.query), (std::set<std::string>{Z("البنك"), Z("المركزي")}));
  // On: each exact form sits in an OR with its own stem, scaled down.
  const std::string d = Parse("البنك").query.get_description();
  EXPECT_NE(d.find("OR"), std::string::npos) << d;
  EXPECT_NE(d.find("0.25 * البنك"), std::string::npos) << d;
  // A word that is its own stem gets no second term.
  EXPECT_EQ(Terms(Parse("بنك").query), (std::set<std::string>{Z("بنك")}));
}

TEST_F(QueryParserTest, AutoOperatorKeywordsRequireEveryWord) {
  for (const char* q : {"البنك المركزي", "البنك المركزي المصري", "البنك في القاهرة"}) {
    EXPECT_NE(Parse(q, DefaultOperator::kAuto).query.get_description().find("AND"),
              std::string::npos)
        << q;
  }
  // A required word keeps the others optional only under OR.
  EXPECT_NE(Parse("+البنك المركزي", DefaultOperator::kAuto).query.get_description().find("AND"),
            std::string::npos);
}

TEST_F(QueryParserTest, AutoOperatorRanksNaturalLanguageWithOr) {
  const char* questions[] = {
      "ما هي عاصمة اليمن؟",          // question mark (Arabic)
      "اين تقع دمشق",                // opening interrogative, three words
      "متى تأسست الجامعة",
      "عاصمة اليمن?",                // question mark (Latin)
      "البنك المركزي يرفع سعر الفائدة",  // a headline: four words or more
      "أردوغان يعلن \"الشيء المدعو أوبر\"",  // quoted words count
  };
  for (const char* q : questions) {
    const std::string d = Parse(q, DefaultOperator::kAuto).query.get_description();
    EXPECT_EQ(d.find("AND"), std::string::npos) << q << ": " << d;
    EXPECT_NE(d.find("OR"), std::string::npos) << q << ": " << d;
  }
  // Explicit operators still win.
  EXPECT_NE(Parse("البنك المركزي يرفع سعر الفائدة", DefaultOperator::kAnd)
                .query.get_description()
                .find("AND"),
            std::string::npos);
  // Each run of plain words decides for itself.
  const std::string d =
      Parse("(البنك المركزي) OR (ما هي عاصمة اليمن)", DefaultOperator::kAuto).query.get_description();
  EXPECT_NE(d.find("AND"), std::string::npos) << d;
}

TEST_F(QueryParserTest, PhraseUnderOrAlsoRanksItsWords) {
  // Under AND a phrase is required as it stands.
  ParsedQuery strict = Parse("\"البنك المركزي\" الفائدة");
  EXPECT_EQ(Terms(strict.query).count(Z("البنك")), 0u);
  // Under OR nothing is required: the phrase, or its words apart, and the
  // exact phrase counts for more.
  ParsedQuery loose = Parse("\"البنك المركزي\" الفائدة", DefaultOperator::kOr);
  std::set<std::string> t = Terms(loose.query);
  for (const std::string& want : {std::string("البنك"), std::string("المركزي"), Z("البنك"),
                                  Z("المركزي"), Z("الفائدة")})
    EXPECT_EQ(t.count(want), 1u) << want;
  EXPECT_NE(loose.query.get_description().find("PHRASE"), std::string::npos);
  EXPECT_EQ(loose.highlight.stems.count(analyzer_.StemWord("البنك")), 1u);
  // Stopwords inside the phrase stay in the phrase only.
  EXPECT_EQ(Terms(Parse("\"في البنك\" الفائدة", DefaultOperator::kOr).query).count(Z("في")), 0u);
  // An excluded phrase stays a phrase.
  EXPECT_EQ(Terms(Parse("الفائدة -\"البنك المركزي\"", DefaultOperator::kOr).query).count(Z("البنك")),
            0u);
}

struct BadQuery {
  const char* query;
  std::size_t position;
  const char* message;  // a part of the message
};

class MalformedQueryTest : public ::testing::TestWithParam<BadQuery> {};

TEST_P(MalformedQueryTest, ThrowsWithPosition) {
  Analyzer analyzer;
  const BadQuery& c = GetParam();
  try {
    QueryParser(analyzer, DefaultOperator::kAnd).Parse(c.query);
    FAIL() << "no error for " << c.query;
  } catch (const QueryError& e) {
    EXPECT_EQ(e.position(), c.position) << c.query << ": " << e.what();
    EXPECT_NE(std::string(e.what()).find(c.message), std::string::npos) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, MalformedQueryTest,
    ::testing::Values(
        BadQuery{"\"البنك المركزي", 0, "unbalanced quote"},
        BadQuery{"سعر \"البنك", 7, "unbalanced quote"},
        BadQuery{"«البنك", 0, "unbalanced quote"},
        BadQuery{"(البنك OR النفط", 0, "never closed"},
        BadQuery{"البنك)", 10, "no matching ("},
        BadQuery{"date:2024-05-01..2024-03-01", 0, "impossible date range"},
        BadQuery{"البنك date:2024-13", 11, "no month 13"},
        BadQuery{"date:2023-02-29", 0, "no such day"},
        BadQuery{"date:yesterday", 0, "not a date"},
        BadQuery{"date:..", 0, "at least one date"},
        BadQuery{"OR البنك", 0, "nothing before"},
        BadQuery{"البنك AND", 11, "nothing after"},
        BadQuery{"البنك OR", 11, "nothing after"},
        BadQuery{"NOT", 0, "nothing after"},
        BadQuery{"title: البنك", 0, "needs a value"},
        BadQuery{"", 0, "no words"},
        BadQuery{"؟ ، !", 0, "no words"}));

}  // namespace
}  // namespace libsearch
