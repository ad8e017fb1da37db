# Third-party packages are wrapped in heed::dep::* targets so each module names what it uses and
# switching between a system and a vendored copy is a one-line change here.
find_package(Threads REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(ICU REQUIRED COMPONENTS uc i18n)
find_package(OpenSSL REQUIRED)
find_package(cpprestsdk REQUIRED)
find_package(RapidJSON REQUIRED)
find_package(Boost REQUIRED COMPONENTS program_options)

add_library(heed_dep_sqlite INTERFACE)
target_link_libraries(heed_dep_sqlite INTERFACE SQLite::SQLite3)
add_library(heed::dep::sqlite ALIAS heed_dep_sqlite)

add_library(heed_dep_icu INTERFACE)
target_link_libraries(heed_dep_icu INTERFACE ICU::uc ICU::i18n)
add_library(heed::dep::icu ALIAS heed_dep_icu)

# Debian's cpprestsdk does not carry its OpenSSL dependency through its CMake target.
add_library(heed_dep_cpprest INTERFACE)
target_link_libraries(heed_dep_cpprest INTERFACE cpprestsdk::cpprest OpenSSL::SSL OpenSSL::Crypto
                                                 Threads::Threads)
add_library(heed::dep::cpprest ALIAS heed_dep_cpprest)

add_library(heed_dep_rapidjson INTERFACE)
if(TARGET RapidJSON::RapidJSON)
  target_link_libraries(heed_dep_rapidjson INTERFACE RapidJSON::RapidJSON)
else()
  target_include_directories(heed_dep_rapidjson SYSTEM INTERFACE ${RAPIDJSON_INCLUDE_DIRS})
endif()
add_library(heed::dep::rapidjson ALIAS heed_dep_rapidjson)

add_library(heed_dep_program_options INTERFACE)
target_link_libraries(heed_dep_program_options INTERFACE Boost::program_options)
add_library(heed::dep::program_options ALIAS heed_dep_program_options)

# Expat: a small streaming XML parser, for RSS/Atom feeds (untrusted input).
find_package(EXPAT REQUIRED)
add_library(heed_dep_expat INTERFACE)
target_link_libraries(heed_dep_expat INTERFACE EXPAT::EXPAT)
add_library(heed::dep::expat ALIAS heed_dep_expat)

# OpenSSL's libcrypto for signing platform tokens (App Store Connect ES256 JWTs).
add_library(heed_dep_crypto INTERFACE)
target_link_libraries(heed_dep_crypto INTERFACE OpenSSL::Crypto)
add_library(heed::dep::crypto ALIAS heed_dep_crypto)

find_path(CLD2_INCLUDE_DIR cld2/public/compact_lang_det.h REQUIRED)
find_library(CLD2_LIBRARY NAMES cld2 REQUIRED)
add_library(heed_dep_cld2 INTERFACE)
target_include_directories(heed_dep_cld2 SYSTEM INTERFACE ${CLD2_INCLUDE_DIR})
target_link_libraries(heed_dep_cld2 INTERFACE ${CLD2_LIBRARY})
add_library(heed::dep::cld2 ALIAS heed_dep_cld2)

find_path(STEMMER_INCLUDE_DIR libstemmer.h REQUIRED)
find_library(STEMMER_LIBRARY NAMES stemmer REQUIRED)
add_library(heed_dep_stemmer INTERFACE)
target_include_directories(heed_dep_stemmer SYSTEM INTERFACE ${STEMMER_INCLUDE_DIR})
target_link_libraries(heed_dep_stemmer INTERFACE ${STEMMER_LIBRARY})
add_library(heed::dep::stemmer ALIAS heed_dep_stemmer)

# libcurl: SMTP for e-mail alerts (cpprestsdk speaks only HTTP).
find_package(CURL REQUIRED)
add_library(heed_dep_curl INTERFACE)
target_link_libraries(heed_dep_curl INTERFACE CURL::libcurl)
add_library(heed::dep::curl ALIAS heed_dep_curl)
