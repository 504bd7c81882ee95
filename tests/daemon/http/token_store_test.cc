// Tokens in the store (migration 11) on a real SQLite file, and the
// Authenticator reading them: create, list, revoke, look up by hash.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include "../temp_dir.h"
#include "daemon/http/auth.h"
#include "daemon/http/tokens.h"
#include "daemon/store/reader.h"
#include "daemon/store/store.h"

namespace vigil::http {
namespace {

class TokenStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = (dir_.path() / "vigil.db").string();
    auto store = store::Store::Open(db_);
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(*store);
    auto reader = store::Reader::Open(db_);
    ASSERT_TRUE(reader.ok());
    reader_ = std::move(*reader);
  }

  store::TokenRow Row(const std::string& name, const std::string& role, const std::string& token) {
    return {.name = name,
            .role = role,
            .token_sha256 = TokenSha256(token),
            .created_at = "2026-06-01T08:00:00.000Z",
            .revoked_at = "",
            .last_used_on = ""};
  }

  testing::TempDir dir_;
  std::string db_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<store::Reader> reader_;
};

TEST_F(TokenStoreTest, CreateListRevoke) {
  ASSERT_TRUE(store_->CreateToken(Row("zed", "feed", "vgl_z")).ok());
  ASSERT_TRUE(store_->CreateToken(Row("ann", "dsmb", "vgl_a")).ok());
  Status taken = store_->CreateToken(Row("ann", "admin", "vgl_other"));
  EXPECT_EQ(taken.code(), Status::Code::kInvalid);
  EXPECT_NE(taken.message().find("'ann'"), std::string::npos);

  auto tokens = reader_->Tokens();
  ASSERT_TRUE(tokens.ok());
  ASSERT_EQ(tokens->size(), 2u);
  EXPECT_EQ((*tokens)[0].name, "ann");  // by name
  EXPECT_EQ((*tokens)[0].role, "dsmb");
  EXPECT_FALSE((*tokens)[0].revoked());
  EXPECT_EQ((*tokens)[1].name, "zed");

  auto revoked = store_->RevokeToken("ann", "2026-06-02T09:00:00.000Z");
  ASSERT_TRUE(revoked.ok());
  EXPECT_FALSE(revoked->revoked());  // as it was
  auto again = store_->RevokeToken("ann", "2026-06-03T09:00:00.000Z");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->revoked_at, "2026-06-02T09:00:00.000Z");  // the first revocation stands
  EXPECT_EQ(store_->RevokeToken("nobody", "2026-06-02T09:00:00.000Z").status().code(), Status::Code::kNotFound);
  // A revoked name stays taken.
  EXPECT_FALSE(store_->CreateToken(Row("ann", "dsmb", "vgl_new")).ok());
}

TEST_F(TokenStoreTest, OnlyTheHashIsStored) {
  const std::string token = "vgl_secret-value";
  ASSERT_TRUE(store_->CreateToken(Row("ann", "dsmb", token)).ok());
  SQLite::Database db(db_, SQLite::OPEN_READONLY);
  SQLite::Statement st(db, "SELECT * FROM tokens");
  ASSERT_TRUE(st.executeStep());
  for (int i = 0; i < st.getColumnCount(); ++i) {
    EXPECT_EQ(st.getColumn(i).getString().find("secret"), std::string::npos) << st.getColumnName(i);
  }
  auto found = reader_->TokenByHash(TokenSha256(token));
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->name, "ann");
  auto missing = reader_->TokenByHash(TokenSha256("vgl_other"));
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
}

TEST_F(TokenStoreTest, AuthenticatorNamesTheCallerOfAValidTokenOnly) {
  ManualClock clock(std::chrono::system_clock::time_point(std::chrono::seconds(1780300800)));  // 2026-06-01
  Authenticator auth(db_, clock);
  std::vector<std::string> used;
  auth.SetOnFirstUseOfDay([&](const std::string& name, const std::string& day) { used.push_back(name + " " + day); });
  auto token = NewToken();
  ASSERT_TRUE(token.ok());
  ASSERT_TRUE(store_->CreateToken(Row("dr.b", "physician", *token)).ok());

  auto caller = auth.Verify("Bearer " + *token);
  ASSERT_TRUE(caller.ok());
  ASSERT_TRUE(caller->has_value());
  EXPECT_EQ((*caller)->token_name, "dr.b");
  EXPECT_EQ((*caller)->role, Role::kPhysician);
  EXPECT_EQ(used, std::vector<std::string>{"dr.b 2026-06-01"});
  // Recorded: not reported again the same day; reported the next day.
  ASSERT_TRUE(store_->TouchToken("dr.b", "2026-06-01").ok());
  ASSERT_TRUE(auth.Verify("Bearer " + *token).ok());
  EXPECT_EQ(used.size(), 1u);
  clock.Advance(std::chrono::hours(24));
  ASSERT_TRUE(auth.Verify("Bearer " + *token).ok());
  EXPECT_EQ(used.back(), "dr.b 2026-06-02");

  for (const std::string& bad : {std::string("Bearer ") + "vgl_" + std::string(43, 'x'), std::string("Bearer junk"),
                                 std::string("Basic ") + *token, std::string("Bearer ") + *token + "x"}) {
    auto none = auth.Verify(bad);
    ASSERT_TRUE(none.ok()) << bad;
    EXPECT_FALSE(none->has_value()) << bad;
  }
  ASSERT_TRUE(store_->RevokeToken("dr.b", "2026-06-02T10:00:00.000Z").ok());
  auto revoked = auth.Verify("Bearer " + *token);
  ASSERT_TRUE(revoked.ok());
  EXPECT_FALSE(revoked->has_value());
}

TEST_F(TokenStoreTest, AStoredRoleTheServerDoesNotKnowIsAnError) {
  ManualClock clock(std::chrono::system_clock::time_point(std::chrono::seconds(1780300800)));
  Authenticator auth(db_, clock);
  const std::string token = "vgl_" + std::string(43, 'q');
  ASSERT_TRUE(store_->CreateToken(Row("odd", "superuser", token)).ok());
  auto caller = auth.Verify("Bearer " + token);
  ASSERT_FALSE(caller.ok());  // answered 503, not taken for any role
  EXPECT_NE(caller.status().message().find("superuser"), std::string::npos);
}

}  // namespace
}  // namespace vigil::http
