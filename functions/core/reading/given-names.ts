/**
 * Given names common where German, Dutch, French and Spanish are written that compromise's
 * English lexicon does not know, or knows only as an English word ("Beat", "Joke", "Floor"):
 * nicknames and regional names a reader from there knows at once ("die Rosi", "mit Beat",
 * "con Chuy"). Each list is read only in its own language, where the English word is no
 * reading at all; words that are also ordinary words of that language are left out ("Vale",
 * "Caro", "Ton", "Till").
 */
import { fold } from './text.ts';
import type { Language } from './types.ts';

const list = (names: string) => new Set(fold(names).split(/\s+/u));

const byLanguage: Partial<Record<Language, ReadonlySet<string>>> = {
  de: list(`Beat Urs Reto Ueli Jürg Jörg Jürgen Uwe Ute Heike Anke Silke Elke Imke Wiebke Frauke
    Maike Meike Mareike Dörte Hauke Swantje Insa Gesa Birte Kerstin Carsten Karsten Torsten
    Thorsten Svenja Bernd Detlef Uli Ulli Rosi Resi Moni Gabi Steffi Susi Uschi Rudi Seppi Hansi
    Franzi Vroni Kathi Babsi Basti Kalle Olli Jupp Heinz Horst Gerd Rüdiger Lutz Helmut Reinhard
    Volker Timo Ole Benedikt Korbinian Quirin Vinzenz Xaver Lorenz Malte Jannik Jannis Fiete Nele
    Antje Katrin Kathrin Ulrike Gudrun Sigrid Hannelore Birgit Renate Tanja Regula Verena Nadja
    Seraina Ladina Flurina Mirjam Gian Curdin Mauro Nando Lotti Käthi Vreni Hanspeter Hansruedi
    Ruedi Köbi Peppi Gerti Hias Wastl Leni Lisl Hannes Hartmut Harald Jutta Dagmar Heidrun
    Roswitha Waltraud Mechthild Almut Edeltraud Trude Irmgard Lieselotte Liesel Hertha Maik Mirko
    Sascha Jan Finn Fynn Jonte Emre Murat Kemal Cem Deniz Arda Burak Selin Merve`),
  nl: list(`Willem Joost Bram Daan Sem Thijs Tijs Stijn Sjoerd Maarten Joris Jeroen Koen Ruud
    Geert Gijs Teun Siem Luuk Jelle Hidde Rutger Floris Kees Henk Sjaak Arjen Arjan Femke Fenna
    Sanne Roos Noor Fleur Anouk Marieke Mieke Annemiek Ineke Wietske Saskia Eline Lieke Lisanne
    Floor Jip Janneke Marloes Nynke Tjitske Famke Sietske Hanneke Anneke Els Truus Joke Marjolein
    Evelien Griet Liesbeth Tineke Lien Veerle Lieve Wim Jef Dries Wout Seppe Brecht Arne Ward
    Warre Lowie Rik Staf Mees Guus Bas Joep Tygo Merel Jolien Nienke Mirjam Fenne Yara Pien Loes
    Mijke Annelies Marjan Hennie Harm Wijnand Sander Remco Cor Piet Klaas Jaap Dinand Jurre
    Lieselot Ayoub Jan`),
  fr: list(`Margaux Bastien Maëlle Gaëlle Solène Océane Anaïs Élodie Aurélie Amélie Rémi Loïc
    Gaël Erwan Maël Titouan Romain Benoît Thibault Thibaut Grégoire Baptiste Corentin Capucine
    Apolline Ségolène Bérénice Clémence Laetitia Sandrine Véronique Ginette Josiane Ludivine
    Axelle Anouk Frédérique Séverine Gwenaëlle Killian Kylian Noémie Agathe Héloïse Hervé
    Thierry Didier Pascale Aurélien Mickaël Maëva Lilou Sacha Nawel Sofiane Nassim Fatou`),
  es: list(`Chuy Chuyita Pepe Paco Pancho Nacho Chema Charo Conchi Itziar Aitor Unai Ainhoa Nerea
    Leire Iñaki Xabi Núria Nuria Montse Mireia Arnau Oriol Paloma Macarena Almudena Flor Cami
    Mati Facu Fede Santi Tincho Beto Lalo Toño Quique Kike Rafa Chus Merche Nati Chelo Lautaro
    Romina Belén Jimena Ariadna Itzel Citlali Xóchitl Yaretzi Noelia Vero Lore Juanjo Juanma
    Josema Manolo Maricarmen Encarna Inma Inmaculada Javi Gael Pili Tere Chabela Chayo Lucho
    Juanpa Sebas Valen Lupita Lupe`),
};

/** Whether the word is a given name known where the reply's language is written. */
export function givenName(word: string, lang: Language): boolean {
  return byLanguage[lang]?.has(fold(word)) ?? false;
}
