#include "phrases.h"

#include <array>
#include <span>
#include <string>

namespace heed::sandbox {
namespace {

using Phrases = std::span<const std::string_view>;

// Templates: {P} product, {N} small number, {O} order number, {B} the brand's name.
constexpr std::string_view kEnProducts[] = {
    "the X200 headset",     "my new Aero blender", "the Nimbus router", "the smart thermostat",
    "the Pulse smartwatch", "the kitchen scale",   "the 4K webcam",     "the travel charger",
    "the Tornado vacuum",   "the 27\" monitor"};
constexpr std::string_view kItProducts[] = {"il frullatore Aero",           "il router Nimbus",
                                            "lo smartwatch Pulse",          "il termostato smart",
                                            "il caricabatterie da viaggio", "il monitor da 27\"",
                                            "l'aspirapolvere Tornado",      "il kit cuffie X200",
                                            "il bollitore Vapor",           "il tostapane Crunch"};

constexpr std::string_view kEnComplaints[] = {
    "{P} arrived broken. The box was fine, the thing inside was not.",
    "Ordered {P} {N} days ago and it still hasn't shipped.",
    "Your app crashes every time I open my orders. Reinstalled twice, same thing.",
    "I was charged twice for {P}. Billing error & no reply to my emails.",
    "Just spent 40 minutes on the phone with {B} support and the agent was plain rude.",
    "{P} stopped working after {N} days. Not what I expect for that price.",
    "Delivery was supposed to be yesterday. Tracking still says \"label created\".",
    "Cancelled my subscription last month and you charged me again. I want a refund.",
    "Third time I'm asking: where is my refund for order #{O}?",
    "The new update logged me out and now I can't reset my password. Great.",
    "Worst customer service I've dealt with this year, {B}.",
    "{P} came with the wrong plug and half the manual missing."};
constexpr std::string_view kEnPraise[] = {
    "Great support, fixed in minutes! Thank you {B}",
    "Big thanks to the team at {B}, {P} was replaced in two days.",
    "Honestly impressed: {P} arrived a day early and works perfectly.",
    "Had an issue with my bill, the chat agent sorted it out right away. Well done.",
    "Loving {P} so far. Best purchase this year.",
    "Kudos to {B} support for actually reading my message before replying.",
    "Refund came through already, faster than promised. Thanks!",
    "The latest app update is so much smoother, nice work."};
constexpr std::string_view kEnQuestions[] = {
    "How do I change my plan? I can't find the option in the app.",
    "Do you ship {P} to Ireland?",
    "Is there a way to get an invoice for order #{O}?",
    "How long does a refund usually take?",
    "Can I return {P} if I already opened the box?",
    "What's the warranty on {P}? Couldn't find it on the site.",
    "Is the {B} app down right now or is it just me?",
    "How do I update the payment card on my account?"};
constexpr std::string_view kEnNeutral[] = {
    "Picked up {P} today, will report back after a week.",
    "Anyone else using {P} with a Mac?",
    "Saw the {B} stand at the trade fair this morning.",
    "Comparing {P} with the competition before buying. Thoughts welcome.",
    "Got the {B} newsletter, apparently a new model is coming in the autumn.",
    "Order #{O} placed. Let's see how long it takes."};
constexpr std::string_view kEnFollowUps[] = {
    "Any update on this? Still waiting.", "Day {N} and still no answer.",
    "Hello? Is anyone reading these?", "Update: still broken. Still no reply.",
    "Still nothing. Should I just open a dispute with my bank?"};

constexpr std::string_view kItComplaints[] = {
    "{P} è arrivato rotto. Voglio un rimborso!",
    "Ho ordinato {P} {N} giorni fa e non è ancora partito.",
    "L'app si blocca ogni volta che apro gli ordini. Pessima esperienza.",
    "Mi avete addebitato due volte {P}. Errore di fatturazione & nessuna risposta.",
    "Servizio clienti inesistente: {N} email e zero risposte.",
    "Operatore scortese al telefono, mi ha chiuso la chiamata in faccia.",
    "{P} ha smesso di funzionare dopo {N} giorni. Per quel prezzo è inaccettabile.",
    "La consegna doveva arrivare ieri, il tracking è fermo da lunedì.",
    "Ho disdetto l'abbonamento il mese scorso e mi avete addebitato di nuovo. Voglio un rimborso.",
    "Terza volta che chiedo: dov'è il rimborso dell'ordine #{O}?",
    "Dopo l'aggiornamento non riesco più ad accedere. Complimenti davvero.",
    "Pessima esperienza, non comprerò mai più da {B}."};
constexpr std::string_view kItPraise[] = {
    "Grazie mille, gentilissimi! Problema risolto in dieci minuti.",
    "{P} funziona benissimo e la consegna è stata velocissima 👏",
    "Complimenti all'assistenza di {B}, mi hanno sostituito {P} in due giorni.",
    "Rimborso arrivato prima del previsto, grazie!",
    "Operatrice in chat super disponibile, problema di fatturazione sistemato subito.",
    "Devo dire che {P} è proprio un bell'acquisto.",
    "Finalmente un servizio clienti che risponde davvero. Bravi!"};
constexpr std::string_view kItQuestions[] = {
    "Come posso disdire l'abbonamento?",
    "Come posso cambiare piano? Non trovo l'opzione nell'app.",
    "{P} è compatibile con iPhone?",
    "Quanto ci vuole di solito per un rimborso?",
    "Posso restituire {P} se ho già aperto la confezione?",
    "Come faccio ad avere la fattura dell'ordine #{O}?",
    "L'app di {B} è giù o è un problema mio?",
    "Spedite anche in Svizzera?"};
constexpr std::string_view kItNeutral[] = {
    "Oggi ho ritirato {P} in negozio, vediamo come va.", "Qualcuno ha provato {P}? Opinioni?",
    "Visto lo stand di {B} in fiera stamattina.",
    "Ordine #{O} fatto. Vediamo quanto ci mette ad arrivare.",
    "Sto confrontando {P} con la concorrenza prima di comprare."};
constexpr std::string_view kItFollowUps[] = {
    "Novità? Sto ancora aspettando.", "Giorno {N}, ancora nessuna risposta.",
    "C'è qualcuno che legge questi messaggi?", "Aggiornamento: ancora rotto, ancora niente.",
    "Ancora niente. Devo rivolgermi a un'associazione consumatori?"};

// Second sentences, per category (complaint, praise, question, neutral, follow-up).
constexpr std::string_view kEnDetails[5][6] = {
    {"Second time this month.", "Nobody answers the phone.", "I've been a customer for {N} years.",
     "Really disappointed.", "Case number {O}, in case anyone is reading.", "Not happy at all 😡"},
    {"Will definitely buy again.", "10/10 👍", "Happy customer here 🙌", "Keep it up!",
     "Made my day.", "Thanks again!"},
    {"Thanks in advance!", "Any help appreciated 🙏", "The FAQ didn't help.",
     "Asked in chat but got no answer.", "Cheers.", "Thanks!"},
    {"We'll see.", "Fingers crossed 🤞", "Curious.", "No rush.", "Will post an update.", "🙂"},
    {"Order #{O}.", "This is getting ridiculous.", "Please just reply.", "🙄", "Still here.",
     "Hello?"}};
constexpr std::string_view kItDetails[5][6] = {
    {"Seconda volta questo mese.", "Al telefono non risponde nessuno.", "Sono cliente da {N} anni.",
     "Davvero deluso.", "Numero pratica {O}, se qualcuno legge.", "Che rabbia 😡"},
    {"Ricomprerò sicuramente.", "10 e lode 👍", "Cliente soddisfatto 🙌", "Continuate così!",
     "Mi avete svoltato la giornata.", "Grazie ancora!"},
    {"Grazie in anticipo!", "Ogni aiuto è apprezzato 🙏", "Le FAQ non aiutano.",
     "Ho chiesto in chat ma nessuna risposta.", "Grazie.", "Ciao!"},
    {"Vedremo.", "Incrociamo le dita 🤞", "Sono curioso.", "Nessuna fretta.", "Vi aggiorno.",
     "🙂"},
    {"Ordine #{O}.", "Sta diventando ridicolo.", "Rispondete per favore.", "🙄",
     "Sono ancora qui.", "Pronto?"}};

constexpr std::string_view kEnOpeners[5][3] = {{"Ugh.", "Seriously?", "Hello?"},
                                               {"Wow!", "Hi!", "Just wanted to say:"},
                                               {"Hi!", "Hello!", "Quick question:"},
                                               {"", "", ""},
                                               {"", "", ""}};
constexpr std::string_view kItOpeners[5][3] = {{"Ma dai.", "Incredibile.", "Salve."},
                                               {"Wow!", "Ciao!", "Volevo solo dire:"},
                                               {"Ciao!", "Buongiorno!", "Domanda veloce:"},
                                               {"", "", ""},
                                               {"", "", ""}};

constexpr std::string_view kEnTags[] = {"customerservice", "fail", "refund"};
constexpr std::string_view kItTags[] = {"assistenzaclienti", "delusione", "rimborso"};

Phrases Templates(Lang lang, Category category) {
  bool en = lang == Lang::kEnglish;
  switch (category) {
    case Category::kComplaint:
      return en ? Phrases(kEnComplaints) : Phrases(kItComplaints);
    case Category::kPraise:
      return en ? Phrases(kEnPraise) : Phrases(kItPraise);
    case Category::kQuestion:
      return en ? Phrases(kEnQuestions) : Phrases(kItQuestions);
    case Category::kNeutral:
      return en ? Phrases(kEnNeutral) : Phrases(kItNeutral);
    case Category::kFollowUp:
      return en ? Phrases(kEnFollowUps) : Phrases(kItFollowUps);
  }
  return Phrases(kEnNeutral);
}

// Fills the template's placeholders and capitalises a leading product name.
std::string Expand(Prng& rng, Lang lang, std::string_view tmpl) {
  std::string out;
  for (size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] == '{' && i + 2 < tmpl.size() && tmpl[i + 2] == '}') {
      switch (tmpl[i + 1]) {
        case 'P':
          out += lang == Lang::kEnglish ? rng.Pick(kEnProducts) : rng.Pick(kItProducts);
          break;
        case 'N':
          out += std::to_string(rng.Between(2, 14));
          break;
        case 'O':
          out += std::to_string(rng.Between(100000, 999999));
          break;
        case 'B':
          out.push_back(kBrandMarker);
          break;
        default:
          out.append(tmpl.substr(i, 3));
      }
      i += 2;
    } else {
      out.push_back(tmpl[i]);
    }
  }
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
  return out;
}

}  // namespace

Category PickCategory(Prng& rng) {
  uint64_t roll = rng.Below(100);
  if (roll < 45) return Category::kComplaint;
  if (roll < 65) return Category::kPraise;
  if (roll < 85) return Category::kQuestion;
  return Category::kNeutral;
}

ComposedText ComposePost(Prng& rng, Lang lang, Category category) {
  bool en = lang == Lang::kEnglish;
  auto index = static_cast<size_t>(category);
  ComposedText result;
  result.category = category;

  std::string main = Expand(rng, lang, rng.Pick(Templates(lang, category)));
  std::string_view opener = en ? rng.Pick(kEnOpeners[index]) : rng.Pick(kItOpeners[index]);
  if (!opener.empty() && rng.Chance(0.3)) {
    // After "Quick question:" the sentence goes on in lower case (but "I" stays).
    bool pronoun = main.starts_with("I ") || main.starts_with("I'");
    if (opener.ends_with(':') && !pronoun && main[0] >= 'A' && main[0] <= 'Z') {
      main[0] = static_cast<char>(main[0] + 32);
    }
    main = std::string(opener) + " " + main;
  }

  if (!rng.Chance(0.55)) {
    result.paragraphs.push_back(std::move(main));
    return result;
  }
  std::string detail =
      Expand(rng, lang, en ? rng.Pick(kEnDetails[index]) : rng.Pick(kItDetails[index]));
  uint64_t layout = rng.Below(10);
  if (layout < 6) {  // same paragraph
    result.paragraphs.push_back(main + " " + detail);
  } else if (layout < 8) {  // line break
    result.paragraphs.push_back(main + "\n" + detail);
  } else {  // second paragraph
    result.paragraphs.push_back(std::move(main));
    result.paragraphs.push_back(std::move(detail));
  }
  return result;
}

std::string_view RantSpoiler(Lang lang) { return lang == Lang::kEnglish ? "rant" : "sfogo"; }

std::string_view PickComplaintTag(Prng& rng, Lang lang) {
  return lang == Lang::kEnglish ? rng.Pick(kEnTags) : rng.Pick(kItTags);
}

std::string_view LangCode(Lang lang) { return lang == Lang::kEnglish ? "en" : "it"; }

}  // namespace heed::sandbox
