/* gen-persons: a synthetic, deterministic insured-person extract for tests. */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * The extract describes households of a National Health Insurance
 * association: a member (組合員) and up to four family members who share the
 * symbol, number and address. Every value comes from a splitmix64 stream
 * keyed by (seed, stream, index), so a household or person looks the same
 * whatever else is generated, and --edit draws its changes from a stream of
 * its own: unchanged rows stay byte-identical to the unedited extract.
 */

enum gp_stream {
	GP_S_HOUSE = 1,
	GP_S_PERSON,
	GP_S_EDIT,
	GP_S_SYMBOL,
	GP_S_NUMBER
};

enum gp_role {
	GP_MEMBER,
	GP_SPOUSE,
	GP_CHILD,
	GP_PARENT
};

#define GP_MAX_HOUSE 5
#define GP_LEN(a) ((uint32_t)(sizeof (a) / sizeof (a)[0]))
#define GP_NO_DATE INT32_MIN

/* The base extract is taken on this day; the edited extract a quarter later. */
#define GP_REF_Y 2025
#define GP_REF_M 4
#define GP_REF_D 1

struct gp_rng {
	uint64_t s;
};

struct gp_surname {
	const char *kanji;
	const char *kana;
};

struct gp_given {
	const char *kanji;
	const char *kana;
	int era;		/* 0 born before 1965, 1 until 1990, 2 after */
};

struct gp_foreign {
	const char *latin;	/* ASCII capitals, written full-width */
	const char *kana;
};

struct gp_town {
	const char *name;
	int chome;		/* highest 丁目, 0 when the town has none */
};

struct gp_muni {
	const char *code;
	const char *pref;
	const char *city;
	int weight;
	const struct gp_town *towns;
};

/* --- Tables -------------------------------------------------------------- */

static const struct gp_surname gp_surnames[] = {
	{ "佐藤", "サトウ" }, { "鈴木", "スズキ" }, { "高橋", "タカハシ" },
	{ "田中", "タナカ" }, { "伊藤", "イトウ" }, { "渡辺", "ワタナベ" },
	{ "山本", "ヤマモト" }, { "中村", "ナカムラ" }, { "小林", "コバヤシ" },
	{ "加藤", "カトウ" }, { "吉田", "ヨシダ" }, { "山田", "ヤマダ" },
	{ "佐々木", "ササキ" }, { "山口", "ヤマグチ" }, { "松本", "マツモト" },
	{ "井上", "イノウエ" }, { "木村", "キムラ" }, { "林", "ハヤシ" },
	{ "斎藤", "サイトウ" }, { "清水", "シミズ" }, { "山崎", "ヤマザキ" },
	{ "森", "モリ" }, { "池田", "イケダ" }, { "橋本", "ハシモト" },
	{ "阿部", "アベ" }, { "石川", "イシカワ" }, { "山下", "ヤマシタ" },
	{ "中島", "ナカジマ" }, { "石井", "イシイ" }, { "小川", "オガワ" },
	{ "前田", "マエダ" }, { "岡田", "オカダ" }, { "長谷川", "ハセガワ" },
	{ "藤田", "フジタ" }, { "後藤", "ゴトウ" }, { "近藤", "コンドウ" },
	{ "村上", "ムラカミ" }, { "遠藤", "エンドウ" }, { "青木", "アオキ" },
	{ "坂本", "サカモト" }, { "斉藤", "サイトウ" }, { "福田", "フクダ" },
	{ "太田", "オオタ" }, { "西村", "ニシムラ" }, { "藤井", "フジイ" },
	{ "金子", "カネコ" }, { "岡本", "オカモト" }, { "藤原", "フジワラ" },
	{ "中野", "ナカノ" }, { "三浦", "ミウラ" }, { "原田", "ハラダ" },
	{ "中川", "ナカガワ" }, { "松田", "マツダ" }, { "竹内", "タケウチ" },
	{ "小野", "オノ" }, { "田村", "タムラ" }, { "中山", "ナカヤマ" },
	{ "和田", "ワダ" }, { "石田", "イシダ" }, { "森田", "モリタ" },
	{ "上田", "ウエダ" }, { "原", "ハラ" }, { "内田", "ウチダ" },
	{ "柴田", "シバタ" }, { "酒井", "サカイ" }, { "宮崎", "ミヤザキ" },
	{ "横山", "ヨコヤマ" }, { "高木", "タカギ" }, { "安藤", "アンドウ" },
	{ "宮本", "ミヤモト" }, { "大野", "オオノ" }, { "小島", "コジマ" },
	{ "谷口", "タニグチ" }, { "今井", "イマイ" }, { "工藤", "クドウ" },
	{ "高田", "タカダ" }, { "増田", "マスダ" }, { "丸山", "マルヤマ" },
	{ "杉山", "スギヤマ" }, { "村田", "ムラタ" }, { "大塚", "オオツカ" },
	{ "新井", "アライ" }, { "小山", "コヤマ" }, { "平野", "ヒラノ" },
	{ "藤本", "フジモト" }, { "河野", "コウノ" }, { "上野", "ウエノ" },
	{ "野口", "ノグチ" }, { "武田", "タケダ" }, { "松井", "マツイ" },
	{ "千葉", "チバ" }, { "岩崎", "イワサキ" }, { "菅原", "スガワラ" },
	{ "木下", "キノシタ" }, { "久保", "クボ" }, { "佐野", "サノ" },
	{ "野村", "ノムラ" }, { "松尾", "マツオ" }, { "菊地", "キクチ" },
	{ "杉本", "スギモト" }, { "市川", "イチカワ" }, { "古川", "フルカワ" },
	{ "大西", "オオニシ" }, { "島田", "シマダ" }, { "水野", "ミズノ" },
	{ "桜井", "サクライ" }, { "高野", "タカノ" }, { "渡部", "ワタナベ" },
	{ "吉川", "ヨシカワ" }, { "山内", "ヤマウチ" }, { "西田", "ニシダ" },
	{ "飯田", "イイダ" }, { "菅野", "カンノ" }, { "岡崎", "オカザキ" },
	{ "尾崎", "オザキ" }, { "吉村", "ヨシムラ" }, { "高山", "タカヤマ" },
};

static const struct gp_given gp_male[] = {
	{ "太郎", "タロウ", 0 }, { "一郎", "イチロウ", 0 }, { "茂", "シゲル", 0 },
	{ "博", "ヒロシ", 0 }, { "清", "キヨシ", 0 }, { "勇", "イサム", 0 },
	{ "進", "ススム", 0 }, { "実", "ミノル", 0 }, { "修", "オサム", 0 },
	{ "明", "アキラ", 0 }, { "正", "タダシ", 0 }, { "豊", "ユタカ", 0 },
	{ "和夫", "カズオ", 0 }, { "幸男", "ユキオ", 0 }, { "正雄", "マサオ", 0 },
	{ "勝", "マサル", 0 }, { "稔", "ミノル", 0 }, { "武", "タケシ", 0 },
	{ "孝", "タカシ", 0 }, { "隆", "タカシ", 0 }, { "昭", "アキラ", 0 },
	{ "健一", "ケンイチ", 1 }, { "誠", "マコト", 1 }, { "浩", "ヒロシ", 1 },
	{ "秀樹", "ヒデキ", 1 }, { "大輔", "ダイスケ", 1 }, { "直樹", "ナオキ", 1 },
	{ "和也", "カズヤ", 1 }, { "達也", "タツヤ", 1 }, { "哲也", "テツヤ", 1 },
	{ "剛", "ツヨシ", 1 }, { "学", "マナブ", 1 }, { "聡", "サトシ", 1 },
	{ "雄一", "ユウイチ", 1 }, { "信也", "シンヤ", 1 }, { "智之", "トモユキ", 1 },
	{ "浩二", "コウジ", 1 }, { "洋平", "ヨウヘイ", 1 }, { "康弘", "ヤスヒロ", 1 },
	{ "英樹", "ヒデキ", 1 }, { "克也", "カツヤ", 1 }, { "悟", "サトル", 1 },
	{ "俊介", "シュンスケ", 1 }, { "圭介", "ケイスケ", 1 }, { "拓也", "タクヤ", 1 },
	{ "健太", "ケンタ", 2 }, { "翔太", "ショウタ", 2 }, { "亮", "リョウ", 2 },
	{ "翔", "ショウ", 2 }, { "大樹", "ダイキ", 2 }, { "蓮", "レン", 2 },
	{ "悠真", "ユウマ", 2 }, { "湊", "ミナト", 2 }, { "陽翔", "ハルト", 2 },
	{ "蒼", "アオイ", 2 }, { "樹", "イツキ", 2 }, { "大和", "ヤマト", 2 },
	{ "悠人", "ユウト", 2 }, { "颯太", "ソウタ", 2 }, { "陸", "リク", 2 },
	{ "翼", "ツバサ", 2 }, { "優太", "ユウタ", 2 }, { "拓海", "タクミ", 2 },
	{ "海斗", "カイト", 2 }, { "駿", "シュン", 2 }, { "光", "ヒカル", 2 },
	{ "大翔", "ヒロト", 2 }, { "恭平", "キョウヘイ", 2 }, { "航", "ワタル", 2 },
	{ "蒼空", "ソラ", 2 },
};

static const struct gp_given gp_female[] = {
	{ "花子", "ハナコ", 0 }, { "洋子", "ヨウコ", 0 }, { "恵子", "ケイコ", 0 },
	{ "京子", "キョウコ", 0 }, { "幸子", "サチコ", 0 }, { "和子", "カズコ", 0 },
	{ "節子", "セツコ", 0 }, { "美智子", "ミチコ", 0 }, { "典子", "ノリコ", 0 },
	{ "順子", "ジュンコ", 0 }, { "文子", "フミコ", 0 }, { "秋子", "アキコ", 0 },
	{ "久子", "ヒサコ", 0 }, { "弘子", "ヒロコ", 0 }, { "信子", "ノブコ", 0 },
	{ "久美子", "クミコ", 1 }, { "由美子", "ユミコ", 1 }, { "直美", "ナオミ", 1 },
	{ "裕子", "ユウコ", 1 }, { "智子", "トモコ", 1 }, { "真由美", "マユミ", 1 },
	{ "明美", "アケミ", 1 }, { "陽子", "ヨウコ", 1 }, { "純子", "ジュンコ", 1 },
	{ "恵美", "エミ", 1 }, { "香織", "カオリ", 1 }, { "由紀", "ユキ", 1 },
	{ "美穂", "ミホ", 1 }, { "恵", "メグミ", 1 }, { "優子", "ユウコ", 1 },
	{ "沙織", "サオリ", 1 }, { "千尋", "チヒロ", 1 }, { "瞳", "ヒトミ", 1 },
	{ "愛子", "アイコ", 1 }, { "真理", "マリ", 1 }, { "由香", "ユカ", 1 },
	{ "亜美", "アミ", 1 }, { "理恵", "リエ", 1 }, { "聡子", "サトコ", 1 },
	{ "静香", "シズカ", 1 }, { "美和", "ミワ", 1 }, { "千秋", "チアキ", 1 },
	{ "絵美", "エミ", 1 }, { "夏美", "ナツミ", 1 }, { "春香", "ハルカ", 1 },
	{ "愛", "アイ", 2 }, { "彩", "アヤ", 2 }, { "麻衣", "マイ", 2 },
	{ "舞", "マイ", 2 }, { "美咲", "ミサキ", 2 }, { "奈々", "ナナ", 2 },
	{ "遥", "ハルカ", 2 }, { "葵", "アオイ", 2 }, { "陽菜", "ヒナ", 2 },
	{ "結衣", "ユイ", 2 }, { "凛", "リン", 2 }, { "芽依", "メイ", 2 },
	{ "結菜", "ユイナ", 2 }, { "莉子", "リコ", 2 }, { "美羽", "ミウ", 2 },
	{ "紬", "ツムギ", 2 }, { "杏", "アン", 2 }, { "さくら", "サクラ", 2 },
	{ "咲", "サキ", 2 }, { "楓", "カエデ", 2 }, { "七海", "ナナミ", 2 },
	{ "瑞希", "ミズキ", 2 }, { "彩花", "アヤカ", 2 }, { "明日香", "アスカ", 2 },
	{ "栞", "シオリ", 2 }, { "ひかり", "ヒカリ", 2 }, { "真央", "マオ", 2 },
	{ "菜々子", "ナナコ", 2 },
};

/* gp_setup indexes the given names by era in arrays of this size. */
#define GP_MAX_GIVEN 96
_Static_assert(sizeof gp_male / sizeof gp_male[0] <= GP_MAX_GIVEN, "names");
_Static_assert(sizeof gp_female / sizeof gp_female[0] <= GP_MAX_GIVEN, "names");

static const struct gp_foreign gp_foreign_surnames[] = {
	{ "SMITH", "スミス" }, { "JOHNSON", "ジョンソン" }, { "BROWN", "ブラウン" },
	{ "GARCIA", "ガルシア" }, { "SILVA", "シルバ" }, { "SANTOS", "サントス" },
	{ "NGUYEN", "グエン" }, { "TRAN", "チャン" }, { "PEREZ", "ペレス" },
	{ "LOPEZ", "ロペス" }, { "MILLER", "ミラー" }, { "WILSON", "ウィルソン" },
	{ "KIM", "キム" }, { "LEE", "リー" }, { "PARK", "パク" },
	{ "WANG", "ワン" }, { "CRUZ", "クルス" }, { "OLIVEIRA", "オリベイラ" },
	{ "COSTA", "コスタ" }, { "MARTIN", "マーティン" }, { "TAYLOR", "テイラー" },
	{ "FERNANDES", "フェルナンデス" }, { "SHARMA", "シャルマ" },
	{ "GURUNG", "グルン" }, { "PHAM", "ファム" }, { "REYES", "レイエス" },
};

static const struct gp_foreign gp_foreign_male[] = {
	{ "JOHN", "ジョン" }, { "MICHAEL", "マイケル" }, { "DAVID", "デビッド" },
	{ "CARLOS", "カルロス" }, { "JOSE", "ホセ" }, { "LUCAS", "ルーカス" },
	{ "MINH", "ミン" }, { "DUC", "ドゥック" }, { "WEI", "ウェイ" },
	{ "RAJ", "ラジ" }, { "PAUL", "ポール" }, { "MARK", "マーク" },
	{ "PEDRO", "ペドロ" }, { "ANDRE", "アンドレ" }, { "JUNHO", "ジュノ" },
};

static const struct gp_foreign gp_foreign_female[] = {
	{ "MARIA", "マリア" }, { "ANNA", "アンナ" }, { "SARAH", "サラ" },
	{ "EMILY", "エミリー" }, { "LINH", "リン" }, { "MAI", "マイ" },
	{ "ANA", "アナ" }, { "JULIA", "ジュリア" }, { "LISA", "リサ" },
	{ "MEI", "メイ" }, { "PRIYA", "プリヤ" }, { "SOFIA", "ソフィア" },
	{ "LAURA", "ラウラ" }, { "JENNIFER", "ジェニファー" }, { "THAO", "タオ" },
};


static const struct gp_muni gp_munis[] = {
	{ "131016", "東京都", "千代田区", 2, (const struct gp_town[]){
	    { "神田神保町", 3 }, { "麹町", 6 }, { "九段南", 4 },
	    { "飯田橋", 4 }, { NULL, 0 } } },
	{ "131024", "東京都", "中央区", 3, (const struct gp_town[]){
	    { "銀座", 8 }, { "日本橋人形町", 3 }, { "築地", 7 }, { "月島", 4 },
	    { "佃", 3 }, { NULL, 0 } } },
	{ "131032", "東京都", "港区", 4, (const struct gp_town[]){
	    { "芝", 5 }, { "赤坂", 9 }, { "六本木", 7 }, { "高輪", 4 },
	    { "南麻布", 5 }, { NULL, 0 } } },
	{ "131041", "東京都", "新宿区", 6, (const struct gp_town[]){
	    { "西新宿", 8 }, { "高田馬場", 4 }, { "若松町", 0 },
	    { "神楽坂", 6 }, { NULL, 0 } } },
	{ "131059", "東京都", "文京区", 4, (const struct gp_town[]){
	    { "本郷", 7 }, { "小石川", 5 }, { "千駄木", 5 }, { "白山", 5 },
	    { NULL, 0 } } },
	{ "131067", "東京都", "台東区", 4, (const struct gp_town[]){
	    { "浅草", 7 }, { "上野", 7 }, { "谷中", 7 }, { "寿", 4 },
	    { NULL, 0 } } },
	{ "131075", "東京都", "墨田区", 5, (const struct gp_town[]){
	    { "押上", 3 }, { "向島", 5 }, { "両国", 4 }, { "錦糸", 4 },
	    { NULL, 0 } } },
	{ "131083", "東京都", "江東区", 9, (const struct gp_town[]){
	    { "亀戸", 9 }, { "大島", 9 }, { "豊洲", 6 }, { "北砂", 7 },
	    { "東陽", 7 }, { NULL, 0 } } },
	{ "131091", "東京都", "品川区", 8, (const struct gp_town[]){
	    { "大井", 7 }, { "西五反田", 8 }, { "戸越", 6 }, { "荏原", 7 },
	    { NULL, 0 } } },
	{ "131105", "東京都", "目黒区", 5, (const struct gp_town[]){
	    { "自由が丘", 3 }, { "中目黒", 5 }, { "碑文谷", 6 },
	    { "目黒本町", 6 }, { NULL, 0 } } },
	{ "131113", "東京都", "大田区", 14, (const struct gp_town[]){
	    { "蒲田", 5 }, { "大森北", 6 }, { "田園調布", 5 }, { "池上", 8 },
	    { "西蒲田", 8 }, { NULL, 0 } } },
	{ "131121", "東京都", "世田谷区", 18, (const struct gp_town[]){
	    { "三軒茶屋", 2 }, { "太子堂", 5 }, { "経堂", 5 }, { "成城", 9 },
	    { "桜新町", 2 }, { "用賀", 4 }, { NULL, 0 } } },
	{ "131130", "東京都", "渋谷区", 4, (const struct gp_town[]){
	    { "恵比寿", 4 }, { "代々木", 5 }, { "笹塚", 3 }, { "幡ヶ谷", 3 },
	    { NULL, 0 } } },
	{ "131148", "東京都", "中野区", 6, (const struct gp_town[]){
	    { "中野", 6 }, { "野方", 6 }, { "鷺宮", 6 }, { "上高田", 5 },
	    { NULL, 0 } } },
	{ "131156", "東京都", "杉並区", 11, (const struct gp_town[]){
	    { "高円寺南", 5 }, { "阿佐谷南", 3 }, { "荻窪", 5 },
	    { "下井草", 5 }, { "久我山", 5 }, { NULL, 0 } } },
	{ "131164", "東京都", "豊島区", 6, (const struct gp_town[]){
	    { "池袋", 4 }, { "巣鴨", 5 }, { "目白", 5 }, { "駒込", 7 },
	    { NULL, 0 } } },
	{ "131172", "東京都", "北区", 7, (const struct gp_town[]){
	    { "赤羽", 3 }, { "王子", 6 }, { "滝野川", 7 }, { "十条台", 2 },
	    { NULL, 0 } } },
	{ "131181", "東京都", "荒川区", 4, (const struct gp_town[]){
	    { "南千住", 8 }, { "町屋", 8 }, { "西日暮里", 6 }, { "東尾久", 8 },
	    { NULL, 0 } } },
	{ "131199", "東京都", "板橋区", 11, (const struct gp_town[]){
	    { "成増", 5 }, { "高島平", 9 }, { "大山町", 0 }, { "常盤台", 4 },
	    { NULL, 0 } } },
	{ "131202", "東京都", "練馬区", 14, (const struct gp_town[]){
	    { "練馬", 4 }, { "石神井町", 8 }, { "光が丘", 7 },
	    { "大泉学園町", 9 }, { NULL, 0 } } },
	{ "131211", "東京都", "足立区", 13, (const struct gp_town[]){
	    { "千住", 5 }, { "西新井", 7 }, { "竹の塚", 7 }, { "梅島", 3 },
	    { NULL, 0 } } },
	{ "131229", "東京都", "葛飾区", 9, (const struct gp_town[]){
	    { "柴又", 7 }, { "亀有", 5 }, { "金町", 6 }, { "立石", 8 },
	    { NULL, 0 } } },
	{ "131237", "東京都", "江戸川区", 13, (const struct gp_town[]){
	    { "南小岩", 8 }, { "中葛西", 8 }, { "瑞江", 4 }, { "平井", 7 },
	    { NULL, 0 } } },
	{ "132012", "東京都", "八王子市", 11, (const struct gp_town[]){
	    { "子安町", 4 }, { "元本郷町", 4 }, { "横山町", 0 },
	    { "明神町", 4 }, { NULL, 0 } } },
	{ "132021", "東京都", "立川市", 3, (const struct gp_town[]){
	    { "曙町", 3 }, { "錦町", 6 }, { "柴崎町", 6 }, { NULL, 0 } } },
	{ "132039", "東京都", "武蔵野市", 3, (const struct gp_town[]){
	    { "吉祥寺本町", 4 }, { "中町", 3 }, { "境", 5 }, { NULL, 0 } } },
	{ "132047", "東京都", "三鷹市", 3, (const struct gp_town[]){
	    { "下連雀", 9 }, { "上連雀", 9 }, { "井の頭", 5 }, { NULL, 0 } } },
	{ "132063", "東京都", "府中市", 5, (const struct gp_town[]){
	    { "府中町", 3 }, { "宮町", 3 }, { "寿町", 3 }, { NULL, 0 } } },
	{ "132098", "東京都", "町田市", 8, (const struct gp_town[]){
	    { "原町田", 6 }, { "森野", 6 }, { "中町", 4 }, { NULL, 0 } } },
	{ "011011", "北海道", "札幌市中央区", 5, (const struct gp_town[]){
	    { "大通西", 20 }, { "南三条西", 12 }, { "北五条西", 12 },
	    { NULL, 0 } } },
	{ "011029", "北海道", "札幌市北区", 5, (const struct gp_town[]){
	    { "北七条西", 10 }, { "麻生町", 9 }, { NULL, 0 } } },
	{ "012025", "北海道", "函館市", 3, (const struct gp_town[]){
	    { "本町", 0 }, { "五稜郭町", 0 }, { "湯川町", 3 }, { NULL, 0 } } },
	{ "012033", "北海道", "小樽市", 1, (const struct gp_town[]){
	    { "稲穂", 5 }, { "花園", 5 }, { NULL, 0 } } },
	{ "012041", "北海道", "旭川市", 3, (const struct gp_town[]){
	    { "宮下通", 20 }, { "常盤通", 3 }, { NULL, 0 } } },
	{ "141011", "神奈川県", "横浜市鶴見区", 6, (const struct gp_town[]){
	    { "鶴見中央", 5 }, { "豊岡町", 0 }, { "生麦", 5 }, { NULL, 0 } } },
	{ "141046", "神奈川県", "横浜市中区", 3, (const struct gp_town[]){
	    { "元町", 5 }, { "本町", 6 }, { "山下町", 0 }, { NULL, 0 } } },
	{ "141038", "神奈川県", "横浜市西区", 2, (const struct gp_town[]){
	    { "みなとみらい", 6 }, { "高島", 2 }, { "戸部町", 7 },
	    { NULL, 0 } } },
	{ "141097", "神奈川県", "横浜市港北区", 8, (const struct gp_town[]){
	    { "日吉", 7 }, { "綱島西", 6 }, { "大倉山", 7 }, { NULL, 0 } } },
	{ "141178", "神奈川県", "横浜市青葉区", 7, (const struct gp_town[]){
	    { "美しが丘", 5 }, { "青葉台", 2 }, { "藤が丘", 2 },
	    { NULL, 0 } } },
	{ "141330", "神奈川県", "川崎市中原区", 6, (const struct gp_town[]){
	    { "小杉町", 3 }, { "新城", 5 }, { "木月", 4 }, { NULL, 0 } } },
	{ "141313", "神奈川県", "川崎市川崎区", 5, (const struct gp_town[]){
	    { "砂子", 2 }, { "駅前本町", 0 }, { "小川町", 0 }, { NULL, 0 } } },
	{ "142018", "神奈川県", "横須賀市", 9, (const struct gp_town[]){
	    { "本町", 3 }, { "汐入町", 5 }, { "若松町", 3 }, { NULL, 0 } } },
	{ "142042", "神奈川県", "鎌倉市", 4, (const struct gp_town[]){
	    { "雪ノ下", 4 }, { "小町", 3 }, { "由比ガ浜", 4 }, { NULL, 0 } } },
	{ "142051", "神奈川県", "藤沢市", 9, (const struct gp_town[]){
	    { "鵠沼海岸", 7 }, { "辻堂元町", 6 }, { "藤沢", 0 },
	    { NULL, 0 } } },
	{ "111074", "埼玉県", "さいたま市浦和区", 4, (const struct gp_town[]){
	    { "高砂", 4 }, { "常盤", 10 }, { "岸町", 7 }, { NULL, 0 } } },
	{ "111031", "埼玉県", "さいたま市大宮区", 3, (const struct gp_town[]){
	    { "桜木町", 4 }, { "大門町", 3 }, { "宮町", 4 }, { NULL, 0 } } },
	{ "112011", "埼玉県", "川越市", 8, (const struct gp_town[]){
	    { "元町", 2 }, { "脇田町", 0 }, { "新富町", 2 }, { NULL, 0 } } },
	{ "112038", "埼玉県", "川口市", 13, (const struct gp_town[]){
	    { "本町", 4 }, { "栄町", 3 }, { "並木", 4 }, { NULL, 0 } } },
	{ "112089", "埼玉県", "所沢市", 7, (const struct gp_town[]){
	    { "日吉町", 0 }, { "東町", 0 }, { "寿町", 0 }, { NULL, 0 } } },
	{ "121011", "千葉県", "千葉市中央区", 4, (const struct gp_town[]){
	    { "富士見", 2 }, { "中央", 4 }, { "新町", 0 }, { NULL, 0 } } },
	{ "122041", "千葉県", "船橋市", 14, (const struct gp_town[]){
	    { "本町", 7 }, { "湊町", 3 }, { "前原西", 8 }, { NULL, 0 } } },
	{ "122076", "千葉県", "松戸市", 11, (const struct gp_town[]){
	    { "松戸", 0 }, { "新松戸", 7 }, { "根本", 0 }, { NULL, 0 } } },
	{ "122173", "千葉県", "柏市", 9, (const struct gp_town[]){
	    { "柏", 7 }, { "旭町", 8 }, { "豊四季", 0 }, { NULL, 0 } } },
	{ "122033", "千葉県", "市川市", 11, (const struct gp_town[]){
	    { "八幡", 6 }, { "市川", 4 }, { "南八幡", 5 }, { NULL, 0 } } },
	{ "231061", "愛知県", "名古屋市中区", 4, (const struct gp_town[]){
	    { "栄", 5 }, { "錦", 3 }, { "大須", 4 }, { NULL, 0 } } },
	{ "231053", "愛知県", "名古屋市中村区", 3, (const struct gp_town[]){
	    { "名駅", 5 }, { "則武", 2 }, { "太閤", 3 }, { NULL, 0 } } },
	{ "231011", "愛知県", "名古屋市千種区", 4, (const struct gp_town[]){
	    { "今池", 5 }, { "仲田", 2 }, { "春岡", 2 }, { NULL, 0 } } },
	{ "232025", "愛知県", "岡崎市", 9, (const struct gp_town[]){
	    { "康生町", 0 }, { "明大寺町", 0 }, { "六名本町", 0 },
	    { NULL, 0 } } },
	{ "232114", "愛知県", "豊田市", 9, (const struct gp_town[]){
	    { "若宮町", 8 }, { "喜多町", 4 }, { "西町", 6 }, { NULL, 0 } } },
	{ "271276", "大阪府", "大阪市北区", 3, (const struct gp_town[]){
	    { "梅田", 3 }, { "天神橋", 8 }, { "中崎", 3 }, { NULL, 0 } } },
	{ "271284", "大阪府", "大阪市中央区", 2, (const struct gp_town[]){
	    { "難波", 5 }, { "谷町", 9 }, { "心斎橋筋", 2 }, { NULL, 0 } } },
	{ "271195", "大阪府", "大阪市阿倍野区", 3, (const struct gp_town[]){
	    { "阿倍野筋", 5 }, { "昭和町", 5 }, { NULL, 0 } } },
	{ "271098", "大阪府", "大阪市天王寺区", 2, (const struct gp_town[]){
	    { "上本町", 9 }, { "勝山", 4 }, { "茶臼山町", 0 }, { NULL, 0 } } },
	{ "272035", "大阪府", "豊中市", 10, (const struct gp_town[]){
	    { "服部元町", 2 }, { "新千里東町", 3 }, { "岡上の町", 4 },
	    { NULL, 0 } } },
	{ "272051", "大阪府", "吹田市", 9, (const struct gp_town[]){
	    { "泉町", 5 }, { "千里山西", 6 }, { "江坂町", 5 }, { NULL, 0 } } },
	{ "272272", "大阪府", "東大阪市", 12, (const struct gp_town[]){
	    { "荒本北", 2 }, { "永和", 3 }, { "長田", 3 }, { NULL, 0 } } },
	{ "272108", "大阪府", "枚方市", 10, (const struct gp_town[]){
	    { "岡東町", 0 }, { "香里ケ丘", 12 }, { "大垣内町", 3 },
	    { NULL, 0 } } },
	{ "281107", "兵庫県", "神戸市中央区", 3, (const struct gp_town[]){
	    { "三宮町", 3 }, { "元町通", 7 }, { "北野町", 4 }, { NULL, 0 } } },
	{ "281018", "兵庫県", "神戸市東灘区", 5, (const struct gp_town[]){
	    { "住吉本町", 3 }, { "岡本", 9 }, { "魚崎北町", 8 },
	    { NULL, 0 } } },
	{ "282014", "兵庫県", "姫路市", 13, (const struct gp_town[]){
	    { "本町", 0 }, { "駅前町", 0 }, { "東延末", 5 }, { NULL, 0 } } },
	{ "282049", "兵庫県", "西宮市", 12, (const struct gp_town[]){
	    { "甲子園口", 6 }, { "北口町", 0 }, { NULL, 0 } } },
	{ "261068", "京都府", "京都市下京区", 2, (const struct gp_town[]){
	    { "東塩小路町", 0 }, { "西七条南月読町", 0 }, { NULL, 0 } } },
	{ "261033", "京都府", "京都市左京区", 4, (const struct gp_town[]){
	    { "下鴨泉川町", 0 }, { "北白川西町", 0 }, { NULL, 0 } } },
	{ "262048", "京都府", "宇治市", 4, (const struct gp_town[]){
	    { "宇治", 0 }, { "広野町", 0 }, { NULL, 0 } } },
	{ "041017", "宮城県", "仙台市青葉区", 7, (const struct gp_town[]){
	    { "一番町", 4 }, { "国分町", 3 }, { "中央", 4 }, { NULL, 0 } } },
	{ "041025", "宮城県", "仙台市宮城野区", 5, (const struct gp_town[]){
	    { "榴岡", 5 }, { "五輪", 2 }, { NULL, 0 } } },
	{ "041050", "宮城県", "仙台市泉区", 5, (const struct gp_town[]){
	    { "泉中央", 4 }, { "南光台", 7 }, { NULL, 0 } } },
	{ "341011", "広島県", "広島市中区", 4, (const struct gp_town[]){
	    { "紙屋町", 2 }, { "大手町", 5 }, { "八丁堀", 0 }, { NULL, 0 } } },
	{ "341037", "広島県", "広島市南区", 4, (const struct gp_town[]){
	    { "皆実町", 6 }, { "松原町", 0 }, { "宇品御幸", 5 },
	    { NULL, 0 } } },
	{ "342076", "広島県", "福山市", 10, (const struct gp_town[]){
	    { "霞町", 4 }, { "東桜町", 0 }, { "元町", 0 }, { NULL, 0 } } },
	{ "401323", "福岡県", "福岡市博多区", 5, (const struct gp_town[]){
	    { "博多駅前", 4 }, { "中洲", 5 }, { "祇園町", 0 }, { NULL, 0 } } },
	{ "401331", "福岡県", "福岡市中央区", 4, (const struct gp_town[]){
	    { "天神", 5 }, { "大名", 2 }, { "薬院", 4 }, { NULL, 0 } } },
	{ "401374", "福岡県", "福岡市早良区", 5, (const struct gp_town[]){
	    { "西新", 7 }, { "百道", 3 }, { NULL, 0 } } },
	{ "401064", "福岡県", "北九州市小倉北区", 4, (const struct gp_town[]){
	    { "魚町", 4 }, { "京町", 4 }, { "紺屋町", 0 }, { NULL, 0 } } },
	{ "402036", "福岡県", "久留米市", 6, (const struct gp_town[]){
	    { "東町", 0 }, { "日吉町", 0 }, { "通町", 0 }, { NULL, 0 } } },
	{ "472018", "沖縄県", "那覇市", 6, (const struct gp_town[]){
	    { "久茂地", 3 }, { "泉崎", 2 }, { "首里当蔵町", 3 },
	    { NULL, 0 } } },
	{ "472115", "沖縄県", "沖縄市", 3, (const struct gp_town[]){
	    { "中央", 4 }, { "胡屋", 6 }, { NULL, 0 } } },
	{ "172014", "石川県", "金沢市", 9, (const struct gp_town[]){
	    { "広坂", 2 }, { "香林坊", 2 }, { "本町", 2 }, { NULL, 0 } } },
	{ "202029", "長野県", "松本市", 5, (const struct gp_town[]){
	    { "中央", 4 }, { "大手", 5 }, { NULL, 0 } } },
	{ "462012", "鹿児島県", "鹿児島市", 12, (const struct gp_town[]){
	    { "東千石町", 0 }, { "山之口町", 0 }, { "中央町", 0 },
	    { NULL, 0 } } },
	{ "431010", "熊本県", "熊本市中央区", 4, (const struct gp_town[]){
	    { "水前寺", 6 }, { "下通", 2 }, { "手取本町", 0 }, { NULL, 0 } } },
	{ "151033", "新潟県", "新潟市中央区", 4, (const struct gp_town[]){
	    { "万代", 5 }, { "東大通", 2 }, { NULL, 0 } } },
	{ "221015", "静岡県", "静岡市葵区", 5, (const struct gp_town[]){
	    { "呉服町", 2 }, { "追手町", 0 }, { "紺屋町", 0 }, { NULL, 0 } } },
};

/* --- Random numbers ------------------------------------------------------ */

static uint64_t
gp_mix(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t
gp_next(struct gp_rng *r)
{
	r->s += 0x9e3779b97f4a7c15ULL;
	return gp_mix(r->s);
}

static void
gp_seed(struct gp_rng *r, uint64_t seed, enum gp_stream stream, uint64_t index)
{
	r->s = gp_mix(gp_mix(seed ^ ((uint64_t)stream << 56)) +
	    gp_mix(index + 0x632be59bd9b4e019ULL));
}

/* A uniform integer in [0, n). */
static uint32_t
gp_below(struct gp_rng *r, uint32_t n)
{
	return (uint32_t)(((gp_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* A uniform integer in [lo, hi]; hi < lo gives lo. */
static int32_t
gp_range(struct gp_rng *r, int32_t lo, int32_t hi)
{
	if (hi <= lo)
		return lo;
	return lo + (int32_t)gp_below(r, (uint32_t)(hi - lo + 1));
}

static double
gp_unit(struct gp_rng *r)
{
	return (double)(gp_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* Maps [0, 1) onto itself with more weight near 0 (about u^1.6, without libm). */
static double
gp_skew(double u)
{
	return u * (0.4 + 0.6 * u);
}

/* --- Dates, as days since 1970-01-01 ---------------------------------------- */

static int32_t
gp_days(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
gp_civil(int32_t z, int *y, int *m, int *d)
{
	int32_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

/* The same day n years later; 29 February becomes 28 February. */
static int32_t
gp_add_years(int32_t day, int n)
{
	int y, m, d;

	gp_civil(day, &y, &m, &d);
	if (m == 2 && d == 29)
		d = 28;
	return gp_days(y + n, m, d);
}

static int32_t
gp_max(int32_t a, int32_t b)
{
	return a > b ? a : b;
}

/* --- Output -------------------------------------------------------------- */

struct gp_out {
	FILE *f;
	size_t n;
	char buf[1 << 16];
};

static void
gp_die_write(void)
{
	fprintf(stderr, "gen-persons: write failed: %s\n", strerror(errno));
	exit(1);
}

static void
gp_flush(struct gp_out *o)
{
	if (o->n > 0 && fwrite(o->buf, 1, o->n, o->f) != o->n)
		gp_die_write();
	o->n = 0;
}

static void
gp_put(struct gp_out *o, const char *s, size_t n)
{
	if (n > sizeof o->buf - o->n)
		gp_flush(o);
	if (n > sizeof o->buf) {
		if (fwrite(s, 1, n, o->f) != n)
			gp_die_write();
		return;
	}
	memcpy(o->buf + o->n, s, n);
	o->n += n;
}

static void
gp_puts(struct gp_out *o, const char *s)
{
	gp_put(o, s, strlen(s));
}

/* One CSV field, quoted only when RFC 4180 requires it. */
static void
gp_field(struct gp_out *o, const char *s, int last)
{
	const char *q;

	if (strpbrk(s, ",\"\r\n") == NULL)
		gp_puts(o, s);
	else {
		gp_put(o, "\"", 1);
		for (; (q = strchr(s, '"')) != NULL; s = q + 1) {
			gp_put(o, s, (size_t)(q - s) + 1);
			gp_put(o, "\"", 1);
		}
		gp_puts(o, s);
		gp_put(o, "\"", 1);
	}
	gp_puts(o, last ? "\r\n" : ",");
}

/* --- Small strings ------------------------------------------------------- */

struct gp_str {
	size_t n;
	char s[256];
};

static void
gp_cat(struct gp_str *b, const char *s)
{
	size_t n = strlen(s);

	if (n >= sizeof b->s - b->n) {
		fprintf(stderr, "gen-persons: internal error: string too long\n");
		abort();
	}
	memcpy(b->s + b->n, s, n + 1);
	b->n += n;
}

/* A number in full-width digits, as addresses are written. */
static void
gp_cat_fw(struct gp_str *b, unsigned v)
{
	char tmp[16], out[64];
	size_t i, n = 0;
	int len = snprintf(tmp, sizeof tmp, "%u", v);

	for (i = 0; i < (size_t)len; i++) {
		out[n++] = (char)0xef;
		out[n++] = (char)0xbc;
		out[n++] = (char)(0x90 + (tmp[i] - '0'));
	}
	out[n] = '\0';
	gp_cat(b, out);
}

/* ASCII capitals as full-width Latin letters. */
static void
gp_cat_latin(struct gp_str *b, const char *s)
{
	char out[128];
	size_t n = 0;

	for (; *s != '\0' && n + 4 < sizeof out; s++) {
		unsigned cp = 0xff21 + (unsigned)(*s - 'A');

		out[n++] = (char)(0xe0 | (cp >> 12));
		out[n++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[n++] = (char)(0x80 | (cp & 0x3f));
	}
	out[n] = '\0';
	gp_cat(b, out);
}

static size_t
gp_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

static const char *const gp_variant_from[] = { "吉", "高", "崎" };
static const char *const gp_variant_to[] = { "𠮷", "髙", "﨑" };

static int
gp_has_variant(const char *s)
{
	uint32_t i;

	for (i = 0; i < GP_LEN(gp_variant_from); i++)
		if (strstr(s, gp_variant_from[i]) != NULL)
			return 1;
	return 0;
}

/* Sets a surname with the variant glyphs outside JIS X 0208 that some
 * family registers use: 𠮷 for 吉, 髙 for 高, 﨑 for 崎. */
static void
gp_cat_variant(struct gp_str *b, const char *s)
{
	char ch[8];
	size_t len;
	uint32_t i;

	while (*s != '\0') {
		len = 1;
		while (len < 4 && ((unsigned char)s[len] & 0xc0) == 0x80)
			len++;
		memcpy(ch, s, len);
		ch[len] = '\0';
		for (i = 0; i < GP_LEN(gp_variant_from); i++)
			if (strcmp(ch, gp_variant_from[i]) == 0)
				break;
		gp_cat(b, i < GP_LEN(gp_variant_from) ? gp_variant_to[i] : ch);
		s += len;
	}
}

/* --- Configuration and shared state ---------------------------------------- */

struct gp_cfg {
	uint64_t count;
	uint64_t seed;
	double edit;		/* share of persons to change, 0..1 */
	const char *numbers;
	char insurer[9];
	int32_t ref;		/* day of the base extract */
	int32_t edit_ref;	/* day of the edited extract */
	uint32_t nsymbols;
	char (*symbols)[5];
	uint32_t *next_number;
	uint32_t muni_total;
	uint32_t nvariant;
	uint32_t variant[32];	/* surnames with 吉, 高 or 崎 */
	uint32_t given_era[2][3][GP_MAX_GIVEN];
	uint32_t given_nera[2][3];
};

struct gp_person {
	uint64_t index;
	int role;
	int sex;		/* 1, 2 or 3 */
	int name_sex;		/* the list the given name came from */
	uint32_t surname;
	uint32_t given;
	int variant;
	int32_t birth, acquired, lost;
	int employer;		/* shares the household's employer */
};

struct gp_house {
	uint64_t h, p0;
	int n;
	uint32_t sym, number;
	uint32_t gap;		/* numbers skipped before this one */
	int foreign, latin;
	uint32_t muni;
	struct gp_str address;
	struct gp_str employer;
	int newcomer;		/* --edit adds a family member at the end */
	uint64_t newcomer_seed;
	struct gp_person p[GP_MAX_HOUSE];
};

/* The insurer number: 6 or 8 digits; from the right before the check digit
 * weights 2, 1, 2, 1, ..., the digits of each product added, check =
 * (10 - last digit of the sum) mod 10. */
static int
gp_insurer_check(const char *code)
{
	size_t n = strlen(code), i;
	int sum = 0, w = 2;

	if ((n != 6 && n != 8) || strspn(code, "0123456789") != n)
		return 0;
	for (i = n - 1; i-- > 0; w = 3 - w) {
		int p = (code[i] - '0') * w;

		sum += p / 10 + p % 10;
	}
	return code[n - 1] - '0' == (10 - sum % 10) % 10;
}

static int
gp_muni_check(const char *code)
{
	static const int w[5] = { 6, 5, 4, 3, 2 };
	int i, sum = 0;

	if (strlen(code) != 6)
		return 0;
	for (i = 0; i < 6; i++)
		if (code[i] < '0' || code[i] > '9')
			return 0;
	for (i = 0; i < 5; i++)
		sum += (code[i] - '0') * w[i];
	return code[5] - '0' == (11 - sum % 11) % 10;
}

static int
gp_era(int32_t birth)
{
	int y, m, d;

	gp_civil(birth, &y, &m, &d);
	return y < 1965 ? 0 : y < 1990 ? 1 : 2;
}

/* --- Households ---------------------------------------------------------- */

static uint32_t
gp_pick_muni(const struct gp_cfg *cfg, struct gp_rng *r)
{
	uint32_t i, w = gp_below(r, cfg->muni_total);

	for (i = 0; w >= (uint32_t)gp_munis[i].weight; i++)
		w -= (uint32_t)gp_munis[i].weight;
	return i;
}

static const char *const gp_building_stems[] = {
	"サン", "グリーン", "ロイヤル", "パーク", "リバー", "スカイ", "シャトー",
	"ベル", "アーバン", "フォレスト", "エクセル", "ライオンズ",
};
static const char *const gp_building_kinds[] = {
	"ハイツ", "マンション", "コーポ", "レジデンス", "ハイム", "メゾン",
	"パレス", "コート",
};

/* Prefecture, municipality, town, 丁目-番-号 and sometimes a building; a few
 * put an ASCII comma before the building, as some source systems do. */
static void
gp_make_address(const struct gp_cfg *cfg, struct gp_rng *r, uint32_t *muni,
    struct gp_str *a)
{
	const struct gp_muni *m;
	const struct gp_town *t;
	uint32_t ntowns = 0;
	int style = (int)gp_below(r, 100), building = (int)gp_below(r, 100);
	size_t base;

	*muni = gp_pick_muni(cfg, r);
	m = &gp_munis[*muni];
	while (m->towns[ntowns].name != NULL)
		ntowns++;
	t = &m->towns[gp_below(r, ntowns)];
	a->n = 0;
	a->s[0] = '\0';
	gp_cat(a, m->pref);
	gp_cat(a, m->city);
	gp_cat(a, t->name);
	if (t->chome > 0) {
		gp_cat_fw(a, (unsigned)gp_range(r, 1, t->chome));
		if (style < 75) {
			gp_cat(a, "丁目");
			gp_cat_fw(a, (unsigned)gp_range(r, 1, 30));
			gp_cat(a, "番");
			gp_cat_fw(a, (unsigned)gp_range(r, 1, 25));
			gp_cat(a, "号");
		} else {
			gp_cat(a, "－");
			gp_cat_fw(a, (unsigned)gp_range(r, 1, 30));
			gp_cat(a, "－");
			gp_cat_fw(a, (unsigned)gp_range(r, 1, 25));
		}
	} else if (style < 50) {
		gp_cat_fw(a, (unsigned)gp_range(r, 1, 999));
		gp_cat(a, "番地");
	} else {
		gp_cat_fw(a, (unsigned)gp_range(r, 1, 60));
		gp_cat(a, "番");
		gp_cat_fw(a, (unsigned)gp_range(r, 1, 25));
		gp_cat(a, "号");
	}
	base = a->n;
	if (building < 25) {
		gp_cat(a, building == 0 ? "," : "　");
		gp_cat(a, gp_building_stems[gp_below(r, GP_LEN(gp_building_stems))]);
		gp_cat(a, gp_building_kinds[gp_below(r, GP_LEN(gp_building_kinds))]);
		gp_cat_fw(a, (unsigned)(gp_range(r, 1, 9) * 100 + gp_range(r, 1, 12)));
		if (gp_chars(a->s) > 50) {
			a->n = base;
			a->s[base] = '\0';
		}
	}
}

static void
gp_make_employer(struct gp_rng *r, struct gp_str *e)
{
	static const char *const stems[] = {
		"東洋", "日本", "大和", "共栄", "三和", "中央", "北斗", "富士",
		"旭", "平和", "第一", "丸友", "昭和", "大成", "新栄", "光",
	};
	static const char *const trades[] = {
		"建設", "工務店", "塗装", "電気工事", "設備工業", "左官工業",
		"内装", "板金", "土木", "造園", "鉄工所", "運送", "食品", "印刷",
	};
	int form = (int)gp_below(r, 10);

	e->n = 0;
	e->s[0] = '\0';
	if (form < 3)
		gp_cat(e, "株式会社");
	else if (form < 4)
		gp_cat(e, "有限会社");
	if (gp_below(r, 2) == 0)
		gp_cat(e, gp_surnames[gp_below(r, 40)].kanji);
	else
		gp_cat(e, stems[gp_below(r, GP_LEN(stems))]);
	gp_cat(e, trades[gp_below(r, GP_LEN(trades))]);
	if (form >= 4 && form < 8)
		gp_cat(e, "株式会社");
}

/* An age in whole years on the reference day gives a birth day. */
static int32_t
gp_birth_for_age(const struct gp_cfg *cfg, struct gp_rng *r, int age)
{
	int32_t lo = gp_days(GP_REF_Y - age - 1, GP_REF_M, GP_REF_D) + 1;
	int32_t hi = gp_days(GP_REF_Y - age, GP_REF_M, GP_REF_D);

	if (hi >= cfg->ref)
		hi = cfg->ref - 1;
	return gp_range(r, lo, hi);
}

static uint32_t
gp_pick_given(const struct gp_cfg *cfg, struct gp_rng *r, int sex, int era)
{
	uint32_t total = sex == 1 ? GP_LEN(gp_male) :
	    GP_LEN(gp_female);
	uint32_t pick = gp_below(r, total), u = gp_below(r, 100);
	const uint32_t *list = cfg->given_era[sex - 1][era];

	return u < 85 ? list[pick % cfg->given_nera[sex - 1][era]] : pick;
}

static uint32_t
gp_pick_surname(struct gp_rng *r, int foreign)
{
	double u = gp_unit(r);

	if (foreign)
		return gp_below(r, GP_LEN(gp_foreign_surnames));
	/* Common surnames are more common: skew towards the top of the list. */
	return (uint32_t)(gp_skew(u) * (double)(GP_LEN(gp_surnames)));
}

/* A given name for person i that nobody earlier in the household has. */
static uint32_t
gp_pick_new_given(const struct gp_cfg *cfg, struct gp_rng *r,
    const struct gp_house *hh, int i)
{
	const struct gp_person *p = &hh->p[i];
	uint32_t g = 0;
	int tries, j, clash = 1;

	for (tries = 0; tries < 8 && clash; tries++) {
		if (hh->foreign)
			g = gp_below(r, p->name_sex == 1 ?
			    GP_LEN(gp_foreign_male) : GP_LEN(gp_foreign_female));
		else
			g = gp_pick_given(cfg, r, p->name_sex, gp_era(p->birth));
		clash = 0;
		for (j = 0; j < i; j++)
			if (hh->p[j].name_sex == p->name_sex && hh->p[j].given == g)
				clash = 1;
	}
	return g;
}

struct gp_plan {
	int role, sex, age;
};

/* Builds household h, whose member is person p0, with at most left persons. */
static void
gp_house_make(const struct gp_cfg *cfg, uint64_t h, uint64_t p0, uint64_t left,
    struct gp_house *hh)
{
	struct gp_rng r, pr;
	struct gp_plan plan[GP_MAX_HOUSE];
	int n = 0, i, j, age, spouse, mother_age, nchild, lost_all;
	uint32_t surname, variant_pick;
	int variant;
	int32_t maxacq, lost_day;
	double u;

	gp_seed(&r, cfg->seed, GP_S_HOUSE, h);
	memset(hh, 0, sizeof *hh);
	hh->h = h;
	hh->p0 = p0;
	hh->foreign = gp_unit(&r) < 0.03;
	hh->latin = gp_unit(&r) < 0.5;
	variant = !hh->foreign && gp_unit(&r) < 0.01;
	variant_pick = gp_below(&r, cfg->nvariant);
	surname = variant ? cfg->variant[variant_pick] :
	    gp_pick_surname(&r, hh->foreign);
	gp_make_address(cfg, &r, &hh->muni, &hh->address);
	hh->sym = (uint32_t)(gp_skew(gp_unit(&r)) * cfg->nsymbols);
	/* Households that left long ago leave gaps in the numbers. */
	hh->gap = gp_unit(&r) < 0.1 ? (uint32_t)gp_range(&r, 1, 3) : 0;

	/* Composition: a member aged 20-75, perhaps a spouse, children, a parent. */
	age = 20 + (int)((gp_unit(&r) + gp_unit(&r)) * 28.0);
	plan[n].role = GP_MEMBER;
	plan[n].sex = gp_unit(&r) < 0.75 ? 1 : 2;
	plan[n++].age = age;
	u = gp_unit(&r);
	spouse = u < (age < 25 ? 0.15 : age < 30 ? 0.45 : 0.68);
	if (spouse) {
		int sage = age + (plan[0].sex == 1 ? -2 : 2) + gp_range(&r, -5, 5);

		plan[n].role = GP_SPOUSE;
		plan[n].sex = plan[0].sex == 1 ? 2 : 1;
		plan[n++].age = sage < 18 ? 18 : sage > 90 ? 90 : sage;
	}
	mother_age = spouse && plan[0].sex == 1 ? plan[1].age : age;
	u = gp_unit(&r);
	if (!spouse && gp_unit(&r) >= 0.12)
		nchild = 0;	/* most single members have no children with them */
	else
		nchild = u < 0.35 ? 0 : u < 0.6 ? 1 : u < 0.88 ? 2 : 3;
	for (i = 0; i < nchild; i++) {
		int cage = mother_age - gp_range(&r, 20, 42);

		if (cage < 0 || cage > 28)
			continue;
		plan[n].role = GP_CHILD;
		plan[n].sex = gp_unit(&r) < 0.51 ? 1 : 2;
		plan[n].age = cage;
		/* Eldest first, as registers list them. */
		for (j = n; j > 0 && plan[j - 1].role == GP_CHILD &&
		    plan[j - 1].age < cage; j--) {
			struct gp_plan t = plan[j - 1];

			plan[j - 1] = plan[j];
			plan[j] = t;
		}
		n++;
	}
	u = gp_unit(&r);
	if (n < GP_MAX_HOUSE && age >= 25 && age <= 60 && u < 0.07) {
		int page = age + gp_range(&r, 22, 38);

		plan[n].role = GP_PARENT;
		plan[n].sex = gp_unit(&r) < 0.65 ? 2 : 1;
		plan[n++].age = page > 95 ? 95 : page;
	}
	if ((uint64_t)n > left)
		n = (int)left;
	hh->n = n;
	if (gp_unit(&r) < 0.85)
		gp_make_employer(&r, &hh->employer);
	lost_all = gp_unit(&r) < 0.025;

	maxacq = 0;
	for (i = 0; i < n; i++) {
		struct gp_person *p = &hh->p[i];
		int32_t lo;

		gp_seed(&pr, cfg->seed, GP_S_PERSON, p0 + (uint64_t)i);
		p->index = p0 + (uint64_t)i;
		p->role = plan[i].role;
		p->sex = p->name_sex = plan[i].sex;
		p->birth = gp_birth_for_age(cfg, &pr, plan[i].age);
		p->given = gp_pick_new_given(cfg, &pr, hh, i);
		p->surname = surname;
		p->variant = variant;
		if (p->role == GP_PARENT && gp_unit(&pr) < 0.3 && !hh->foreign) {
			p->surname = gp_pick_surname(&pr, 0);
			p->variant = 0;
		} else
			(void)gp_unit(&pr);
		if (gp_unit(&pr) < 0.001)
			p->sex = 3;
		switch (p->role) {
		case GP_MEMBER:
			lo = gp_max(gp_add_years(p->birth, 18), gp_days(1990, 4, 1));
			p->acquired = gp_range(&pr, lo, cfg->ref - 1);
			break;
		case GP_CHILD:
			lo = gp_max(p->birth, hh->p[0].acquired);
			p->acquired = gp_unit(&pr) < 0.85 ? lo :
			    gp_range(&pr, lo, cfg->ref - 1);
			break;
		case GP_SPOUSE:
			lo = gp_max(hh->p[0].acquired, gp_add_years(p->birth, 18));
			p->acquired = gp_range(&pr, lo, cfg->ref - 1);
			break;
		default:
			p->acquired = gp_range(&pr, hh->p[0].acquired, cfg->ref - 1);
			break;
		}
		if (p->acquired < p->birth)
			p->acquired = p->birth;
		maxacq = gp_max(maxacq, p->acquired);
		p->lost = GP_NO_DATE;
		lost_day = gp_range(&pr, p->acquired, cfg->ref - 1);
		if (p->role != GP_MEMBER && gp_unit(&pr) < 0.025)
			p->lost = lost_day;
		p->employer = p->role == GP_MEMBER ? hh->employer.n > 0 :
		    p->role == GP_SPOUSE && hh->employer.n > 0 && gp_unit(&pr) < 0.12;
	}
	if (lost_all) {
		lost_day = gp_range(&r, maxacq, cfg->ref - 1);
		for (i = 0; i < n; i++)
			hh->p[i].lost = lost_day;
	}
}

/* --- Edits for a later extract ------------------------------------------- */

/*
 * Shares of the changed persons by kind of change. A household moves with
 * probability share * GP_W_MOVE, which moves that share of persons; a
 * newcomer is one row per chosen household, so its household probability is
 * multiplied by the mean household size. Name changes only touch adults
 * (about four in five persons), hence the larger weight; a member's loss
 * takes the family along, hence the smaller one.
 */
#define GP_W_MOVE 0.35
#define GP_W_NAME 0.30
#define GP_W_LOST 0.22
#define GP_W_NEW 0.10
#define GP_MEAN_HOUSE 2.3

/* Applies the changes that --edit draws for a household. The draws are made
 * whatever the share, so a larger --edit changes a superset of persons. */
static void
gp_house_edit(const struct gp_cfg *cfg, struct gp_house *hh)
{
	struct gp_rng r, sub;
	double share = cfg->edit, u_move, u_new;
	uint64_t move_seed;
	int32_t lost_all = GP_NO_DATE;
	int i, tries;

	gp_seed(&r, cfg->seed, GP_S_EDIT, hh->h);
	u_move = gp_unit(&r);
	move_seed = gp_next(&r);
	for (i = 0; i < hh->n; i++) {
		struct gp_person *p = &hh->p[i];
		double u_name = gp_unit(&r), u_lost = gp_unit(&r);
		uint64_t name_seed = gp_next(&r), lost_seed = gp_next(&r);
		uint32_t old = p->surname;

		if (u_name < share * GP_W_NAME && p->lost == GP_NO_DATE &&
		    gp_add_years(p->birth, 18) <= cfg->ref) {
			sub.s = name_seed;
			for (tries = 0; tries < 16 && p->surname == old; tries++)
				p->surname = gp_pick_surname(&sub, hh->foreign);
			p->variant = 0;
		}
		if (u_lost < share * GP_W_LOST && p->lost == GP_NO_DATE) {
			sub.s = lost_seed;
			p->lost = gp_range(&sub, gp_max(p->acquired, cfg->ref),
			    cfg->edit_ref - 1);
			if (p->role == GP_MEMBER)
				lost_all = p->lost;
		}
	}
	/* Family members are insured through the member and leave with them. */
	for (i = 1; i < hh->n && lost_all != GP_NO_DATE; i++)
		if (hh->p[i].lost == GP_NO_DATE)
			hh->p[i].lost = gp_max(lost_all, hh->p[i].acquired);
	u_new = gp_unit(&r);
	if (u_move < share * GP_W_MOVE) {
		struct gp_str old = hh->address;

		sub.s = move_seed;
		for (tries = 0; tries < 16 && strcmp(old.s, hh->address.s) == 0;
		    tries++)
			gp_make_address(cfg, &sub, &hh->muni, &hh->address);
	}
	hh->newcomer = u_new < share * GP_W_NEW * GP_MEAN_HOUSE &&
	    hh->n < GP_MAX_HOUSE && hh->p[0].lost == GP_NO_DATE;
	hh->newcomer_seed = gp_next(&r);
}

/* A family member who joins after the base extract: a spouse for a single
 * member, a parent for a middle-aged member, otherwise a newborn child (or
 * grandchild, for an older member). */
static void
gp_newcomer(const struct gp_cfg *cfg, const struct gp_house *hh, uint64_t index,
    struct gp_house *out)
{
	struct gp_rng r;
	struct gp_person *p;
	const struct gp_person *m = &hh->p[0];
	int32_t day_in = 0;
	int i, has_spouse = 0, age;
	double u;

	*out = *hh;
	p = &out->p[out->n];
	memset(p, 0, sizeof *p);
	r.s = hh->newcomer_seed;
	for (i = 1; i < hh->n; i++)
		has_spouse |= hh->p[i].role == GP_SPOUSE;
	age = (int)((cfg->ref - m->birth) / 365.2425);
	u = gp_unit(&r);
	day_in = gp_range(&r, cfg->ref, cfg->edit_ref - 1);
	p->index = index;
	p->surname = m->surname;
	p->variant = m->variant;
	p->lost = GP_NO_DATE;
	if (!has_spouse && age >= 25 && age <= 55 && u < 0.4 && m->sex != 3) {
		p->role = GP_SPOUSE;
		p->sex = p->name_sex = m->sex == 1 ? 2 : 1;
		p->birth = gp_birth_for_age(cfg, &r, age + gp_range(&r, -5, 5));
		p->acquired = day_in;
	} else if (age > 45 && age <= 60) {
		p->role = GP_PARENT;
		p->sex = p->name_sex = gp_unit(&r) < 0.65 ? 2 : 1;
		p->birth = gp_birth_for_age(cfg, &r, age + gp_range(&r, 22, 34));
		p->acquired = day_in;
	} else {
		p->role = GP_CHILD;
		p->sex = p->name_sex = gp_unit(&r) < 0.51 ? 1 : 2;
		p->birth = day_in;
		p->acquired = day_in;
	}
	p->given = gp_pick_new_given(cfg, &r, out, out->n);
	out->n++;
}

/* --- Rows ---------------------------------------------------------------- */

static void
gp_cat_date(struct gp_str *b, int32_t day)
{
	char tmp[16];
	int y, m, d;

	b->n = 0;
	b->s[0] = '\0';
	if (day == GP_NO_DATE)
		return;
	gp_civil(day, &y, &m, &d);
	snprintf(tmp, sizeof tmp, "%04d%02d%02d", y, m, d);
	gp_cat(b, tmp);
}

static void
gp_person_names(const struct gp_house *hh, const struct gp_person *p,
    struct gp_str *name, struct gp_str *kana)
{
	const struct gp_given *g = p->name_sex == 1 ? gp_male : gp_female;
	const struct gp_foreign *fg = p->name_sex == 1 ? gp_foreign_male :
	    gp_foreign_female;

	name->n = kana->n = 0;
	name->s[0] = kana->s[0] = '\0';
	if (hh->foreign) {
		if (hh->latin) {
			gp_cat_latin(name, gp_foreign_surnames[p->surname].latin);
			gp_cat(name, "　");
			gp_cat_latin(name, fg[p->given].latin);
		} else {
			gp_cat(name, gp_foreign_surnames[p->surname].kana);
			gp_cat(name, "　");
			gp_cat(name, fg[p->given].kana);
		}
		gp_cat(kana, gp_foreign_surnames[p->surname].kana);
		gp_cat(kana, "　");
		gp_cat(kana, fg[p->given].kana);
		return;
	}
	if (p->variant)
		gp_cat_variant(name, gp_surnames[p->surname].kanji);
	else
		gp_cat(name, gp_surnames[p->surname].kanji);
	gp_cat(name, "　");
	gp_cat(name, g[p->given].kanji);
	gp_cat(kana, gp_surnames[p->surname].kana);
	gp_cat(kana, "　");
	gp_cat(kana, g[p->given].kana);
}

static void
gp_write_row(struct gp_out *o, const struct gp_cfg *cfg,
    const struct gp_house *hh, const struct gp_person *p)
{
	struct gp_str name, kana, tmp;
	char id[32], num[16];

	snprintf(id, sizeof id, "P%07" PRIu64, p->index + 1);
	gp_field(o, id, 0);
	gp_field(o, cfg->insurer, 0);
	gp_field(o, cfg->symbols[hh->sym], 0);
	snprintf(num, sizeof num, "%" PRIu32, hh->number);
	gp_field(o, num, 0);
	gp_field(o, p->role == GP_MEMBER ? "1" : "2", 0);
	snprintf(id, sizeof id, "P%07" PRIu64, hh->p0 + 1);
	gp_field(o, p->role == GP_MEMBER ? "" : id, 0);
	gp_person_names(hh, p, &name, &kana);
	gp_field(o, name.s, 0);
	gp_field(o, kana.s, 0);
	gp_cat_date(&tmp, p->birth);
	gp_field(o, tmp.s, 0);
	gp_field(o, p->sex == 1 ? "1" : p->sex == 2 ? "2" : "3", 0);
	gp_field(o, hh->address.s, 0);
	gp_field(o, gp_munis[hh->muni].code, 0);
	gp_field(o, hh->foreign ? "2" : "1", 0);
	gp_field(o, p->employer ? hh->employer.s : "", 0);
	gp_cat_date(&tmp, p->acquired);
	gp_field(o, tmp.s, 0);
	gp_cat_date(&tmp, p->lost);
	gp_field(o, tmp.s, 0);
	/* The 枝番 as associations assign it: the member 00, the family 01,
	 * 02, ... in household order. */
	snprintf(num, sizeof num, "%02d", (int)(p - hh->p));
	gp_field(o, num, 1);
}

/* --- My Numbers ---------------------------------------------------------- */

static int
gp_mynumber_check(const char *d11)
{
	int i, sum = 0, r;

	for (i = 0; i < 11; i++) {
		int n = i + 1;	/* position counted from the right */

		sum += (d11[10 - i] - '0') * (n <= 6 ? n + 1 : n - 5);
	}
	r = sum % 11;
	return r <= 1 ? 0 : 11 - r;
}

/* A keyed permutation of [0, 2^38) (a Feistel network) walked until it lands
 * on an 11-digit value that is not one digit repeated: distinct persons get
 * distinct numbers without a table of the numbers handed out. */
static uint64_t
gp_feistel(uint64_t seed, uint64_t x)
{
	uint64_t left = x >> 19, right = x & 0x7ffff, t;
	int round;

	for (round = 0; round < 6; round++) {
		t = gp_mix(seed ^ ((uint64_t)round << 32) ^ right ^
		    0x5851f42d4c957f2dULL);
		t = left ^ (t & 0x7ffff);
		left = right;
		right = t;
	}
	return (left << 19) | right;
}

static int
gp_repdigit(uint64_t v)
{
	return v % 11111111111ULL == 0;
}

static void
gp_mynumber(const struct gp_cfg *cfg, uint64_t index, char out[13])
{
	uint64_t key = gp_mix(cfg->seed ^ ((uint64_t)GP_S_NUMBER << 56)), x = index + 1;

	do
		x = gp_feistel(key, x);
	while (x >= 100000000000ULL || gp_repdigit(x));
	snprintf(out, 13, "%011" PRIu64, x);
	out[11] = (char)('0' + gp_mynumber_check(out));
	out[12] = '\0';
}

static void
gp_write_number(struct gp_out *o, const struct gp_cfg *cfg, uint64_t index)
{
	char line[48], num[13];

	gp_mynumber(cfg, index, num);
	snprintf(line, sizeof line, "P%07" PRIu64 ",%s\n", index + 1, num);
	gp_puts(o, line);
}

/* --- Setup and main ------------------------------------------------------ */

/* What it takes to rebuild a household that gains a newcomer. */
struct gp_later {
	uint64_t h, p0;
	int n;
	uint32_t number;
};

static void
gp_remember(struct gp_later **list, size_t *n, size_t *cap, const struct gp_house *hh)
{
	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 256;
		struct gp_later *l = realloc(*list, ncap * sizeof *l);

		if (l == NULL) {
			fprintf(stderr, "gen-persons: out of memory\n");
			exit(1);
		}
		*list = l;
		*cap = ncap;
	}
	(*list)[*n].h = hh->h;
	(*list)[*n].p0 = hh->p0;
	(*list)[*n].n = hh->n;
	(*list)[*n].number = hh->number;
	(*n)++;
}

static void
gp_usage(FILE *f)
{
	fputs("usage: gen-persons --count N [--seed S] [--numbers FILE] "
	    "[--edit PCT] [--insurer CODE]\n"
	    "  --count N       persons in the extract (1-50000000)\n"
	    "  --seed S        seed for the data (default 1)\n"
	    "  --numbers FILE  also write \"person_id,number\" lines, "
	    "one My Number each\n"
	    "  --edit PCT      change about PCT percent of persons (0-100), "
	    "as a later extract\n"
	    "  --insurer CODE  insurer number, 6 digits (国保, 国保組合) or 8 "
	    "(健保 and others),\n"
	    "                  with a valid check digit (default 133033)\n", f);
}

static void
gp_bad(const char *msg, const char *arg)
{
	if (arg != NULL)
		fprintf(stderr, "gen-persons: %s: %s\n", msg, arg);
	else
		fprintf(stderr, "gen-persons: %s\n", msg);
	gp_usage(stderr);
	exit(2);
}

static uint64_t
gp_parse_u64(const char *opt, const char *s)
{
	char *end;
	unsigned long long v;

	if (s[0] < '0' || s[0] > '9')
		gp_bad(opt, s);
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0')
		gp_bad(opt, s);
	return (uint64_t)v;
}

static void
gp_setup(struct gp_cfg *cfg)
{
	struct gp_rng r;
	uint32_t i, nm = GP_LEN(gp_munis);
	int era;
	char *used;

	for (i = 0; i < nm; i++) {
		if (!gp_muni_check(gp_munis[i].code)) {
			fprintf(stderr, "gen-persons: internal error: "
			    "municipality code %s (%s%s) fails its check digit\n",
			    gp_munis[i].code, gp_munis[i].pref, gp_munis[i].city);
			exit(1);
		}
		cfg->muni_total += (uint32_t)gp_munis[i].weight;
	}
	for (i = 0; i < GP_LEN(gp_surnames); i++)
		if (gp_has_variant(gp_surnames[i].kanji) && cfg->nvariant < 32)
			cfg->variant[cfg->nvariant++] = i;
	for (i = 0; i < GP_LEN(gp_male); i++) {
		era = gp_male[i].era;
		cfg->given_era[0][era][cfg->given_nera[0][era]++] = i;
	}
	for (i = 0; i < GP_LEN(gp_female); i++) {
		era = gp_female[i].era;
		cfg->given_era[1][era][cfg->given_nera[1][era]++] = i;
	}

	cfg->ref = gp_days(GP_REF_Y, GP_REF_M, GP_REF_D);
	cfg->edit_ref = gp_days(GP_REF_Y, GP_REF_M + 3, GP_REF_D);

	/* Group codes (記号) of 2-4 digits; about 150 persons share one. */
	cfg->nsymbols = (uint32_t)(cfg->count / 150);
	if (cfg->nsymbols < 10)
		cfg->nsymbols = 10;
	if (cfg->nsymbols > 4000)
		cfg->nsymbols = 4000;
	cfg->symbols = calloc(cfg->nsymbols, sizeof *cfg->symbols);
	cfg->next_number = calloc(cfg->nsymbols, sizeof *cfg->next_number);
	used = calloc(10000, 1);
	if (cfg->symbols == NULL || cfg->next_number == NULL || used == NULL) {
		fprintf(stderr, "gen-persons: out of memory\n");
		exit(1);
	}
	gp_seed(&r, cfg->seed, GP_S_SYMBOL, 0);
	for (i = 0; i < cfg->nsymbols; i++) {
		uint32_t code, digits;

		do {
			digits = gp_below(&r, 10);
			code = digits < 2 ? (uint32_t)gp_range(&r, 10, 99) :
			    digits < 6 ? (uint32_t)gp_range(&r, 100, 999) :
			    (uint32_t)gp_range(&r, 1000, 9999);
		} while (used[code]);
		used[code] = 1;
		snprintf(cfg->symbols[i], sizeof cfg->symbols[i], "%" PRIu32, code);
	}
	free(used);
}

int
main(int argc, char **argv)
{
	static struct gp_cfg cfg;
	static struct gp_out out, nums;
	struct gp_house hh;
	struct gp_later *later = NULL;
	size_t nlater = 0, cap = 0;
	uint64_t p0, h, k;
	int i, have_count = 0;

	cfg.seed = 1;
	/* A 国保組合's 6 digits (its insurer part starts with 3), valid
	 * check digit: what a real association's extract carries. */
	memcpy(cfg.insurer, "133033", 7);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v;

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			gp_usage(stdout);
			return 0;
		}
		if (strncmp(a, "--", 2) != 0)
			gp_bad("unexpected argument", a);
		if (i + 1 >= argc)
			gp_bad("missing value for", a);
		v = argv[++i];
		if (strcmp(a, "--count") == 0) {
			cfg.count = gp_parse_u64("--count must be a whole number", v);
			if (cfg.count < 1 || cfg.count > 50000000)
				gp_bad("--count must be 1-50000000", v);
			have_count = 1;
		} else if (strcmp(a, "--seed") == 0)
			cfg.seed = gp_parse_u64("--seed must be a whole number", v);
		else if (strcmp(a, "--numbers") == 0) {
			if (v[0] == '\0')
				gp_bad("--numbers needs a file name", NULL);
			cfg.numbers = v;
		} else if (strcmp(a, "--edit") == 0) {
			char *end;

			errno = 0;
			cfg.edit = strtod(v, &end);
			if (errno != 0 || end == v || *end != '\0' ||
			    !(cfg.edit >= 0.0 && cfg.edit <= 100.0))
				gp_bad("--edit must be a percentage 0-100", v);
			cfg.edit /= 100.0;
		} else if (strcmp(a, "--insurer") == 0) {
			if (!gp_insurer_check(v))
				gp_bad("--insurer must be 6 or 8 digits with a "
				    "valid check digit", v);
			snprintf(cfg.insurer, sizeof cfg.insurer, "%s", v);
		} else
			gp_bad("unknown option", a);
	}
	if (!have_count)
		gp_bad("--count is required", NULL);
	gp_setup(&cfg);

	out.f = stdout;
	if (cfg.numbers != NULL) {
		nums.f = fopen(cfg.numbers, "w");
		if (nums.f == NULL) {
			fprintf(stderr, "gen-persons: %s: %s\n", cfg.numbers,
			    strerror(errno));
			return 1;
		}
	}
	gp_puts(&out, "person_id,insurer,symbol,number,relation,member_id,"
	    "name,kana,birth,sex,address,municipality,resident,employer,"
	    "acquired,lost,branch\r\n");
	for (h = 0, p0 = 0; p0 < cfg.count; h++) {
		gp_house_make(&cfg, h, p0, cfg.count - p0, &hh);
		cfg.next_number[hh.sym] += 1 + hh.gap;
		hh.number = cfg.next_number[hh.sym];
		if (cfg.edit > 0.0) {
			gp_house_edit(&cfg, &hh);
			if (hh.newcomer)
				gp_remember(&later, &nlater, &cap, &hh);
		}
		for (i = 0; i < hh.n; i++) {
			gp_write_row(&out, &cfg, &hh, &hh.p[i]);
			if (cfg.numbers != NULL)
				gp_write_number(&nums, &cfg, hh.p[i].index);
		}
		p0 += (uint64_t)hh.n;
	}
	/* Newcomers get person ids after the base population, in household order;
	 * their households are rebuilt, which is cheaper than keeping them. */
	for (k = 0; k < nlater; k++) {
		struct gp_house grown;

		gp_house_make(&cfg, later[k].h, later[k].p0, (uint64_t)later[k].n, &hh);
		hh.number = later[k].number;
		gp_house_edit(&cfg, &hh);
		gp_newcomer(&cfg, &hh, cfg.count + k, &grown);
		gp_write_row(&out, &cfg, &grown, &grown.p[grown.n - 1]);
		if (cfg.numbers != NULL)
			gp_write_number(&nums, &cfg, cfg.count + k);
	}
	free(later);
	gp_flush(&out);
	if (fflush(stdout) != 0 || ferror(stdout))
		gp_die_write();
	if (cfg.numbers != NULL) {
		gp_flush(&nums);
		if (fclose(nums.f) != 0) {
			fprintf(stderr, "gen-persons: %s: %s\n", cfg.numbers,
			    strerror(errno));
			return 1;
		}
	}
	free(cfg.symbols);
	free(cfg.next_number);
	return 0;
}
