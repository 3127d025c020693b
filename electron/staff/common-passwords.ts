// A bundled list of common passwords and their usual decorations (a trailing year, '123', '!'), lower-cased and
// space-separated. Built from the heads of the well-known public lists (RockYou, SecLists' top passwords, NCSC's
// 100k list head), keyboard walks and banking words, then expanded with the suffixes people add to reach a length
// rule. The policy also strips leading/trailing digits and symbols and undoes common substitutions before looking a
// password up, so 'Password2024!!' and 'P@ssw0rd-123' are caught by the base word.
export const COMMON_PASSWORDS_TEXT = `
000000 000000000000 0987654321 098765432109 1111 111111 11111111 111111111111 112233 112233445566 121212
121212121212 123123 123123123123 123321 123321123321 1234 12345 123456 1234567 12345678 123456789 1234567890
12345678901 123456789012 1234567890123 12345678901234 123456789012345 1234qwer 123abc 123qwe 131313
147258369147 159357159357 159753 1q2w3e 1q2w3e4r 1q2w3e4r5t 1q2w3e4r5t6y 1q2w3e4r5t6y7u 1q2w3e4r5t6y7u8i
1q2w3e4r5t6y7u8i9o0p 1qaz2wsx 1qaz2wsx3edc 1qaz2wsx3edc4rfv 2000 555555 654321 666666 696969 741852963741
777777 7777777 963852741963 987654321 a123456 aa123456 aaaaaa aaaaaaaaaaaa abc123 abc123abc123 abcabcabcabc
abcd1234 abcdefgh1234 abcdefghijkl abcdefghijklm abcdefghijklmnop access access! access!! access#1 access00
access007 access01 access1 access1! access12 access123 access123! access1234 access1234! access12345
access123456 access123456! access1234567 access12345678 access2020 access2021 access2022 access2023 access2024
access2025 access2026 access2027 access69 access99 access? access@123 accessaccess admin admin! admin!!
admin#1 admin00 admin007 admin01 admin1 admin1! admin12 admin123 admin123! admin1234 admin1234! admin12345
admin123456 admin123456! admin1234567 admin12345678 admin2020 admin2021 admin2022 admin2023 admin2024
admin2025 admin2026 admin2027 admin69 admin99 admin? admin@123 adminadmin adminadminadmin administrator
administrator! administrator!! administrator#1 administrator00 administrator007 administrator01 administrator1
administrator1! administrator12 administrator123 administrator123! administrator1234 administrator1234!
administrator12345 administrator123456 administrator123456! administrator1234567 administrator12345678
administrator2020 administrator2021 administrator2022 administrator2023 administrator2024 administrator2025
administrator2026 administrator2027 administrator69 administrator99 administrator? administrator@123
administratoradministrator amanda america andrew andrew! andrew!! andrew#1 andrew00 andrew007 andrew01 andrew1
andrew1! andrew12 andrew123 andrew123! andrew1234 andrew1234! andrew12345 andrew123456 andrew123456!
andrew1234567 andrew12345678 andrew2020 andrew2021 andrew2022 andrew2023 andrew2024 andrew2025 andrew2026
andrew2027 andrew69 andrew99 andrew? andrew@123 andrewandrew angel angel! angel!! angel#1 angel00 angel007
angel01 angel1 angel1! angel12 angel123 angel123! angel1234 angel1234! angel12345 angel123456 angel123456!
angel1234567 angel12345678 angel2020 angel2021 angel2022 angel2023 angel2024 angel2025 angel2026 angel2027
angel69 angel99 angel? angel@123 angelangel angels apple april arsenal arsenal! arsenal!! arsenal#1 arsenal00
arsenal007 arsenal01 arsenal1 arsenal1! arsenal12 arsenal123 arsenal123! arsenal1234 arsenal1234! arsenal12345
arsenal123456 arsenal123456! arsenal1234567 arsenal12345678 arsenal2020 arsenal2021 arsenal2022 arsenal2023
arsenal2024 arsenal2025 arsenal2026 arsenal2027 arsenal69 arsenal99 arsenal? arsenal@123 arsenalarsenal
asdf1234 asdfgh asdfghjkl asdfghjkl! asdfghjkl!! asdfghjkl#1 asdfghjkl00 asdfghjkl007 asdfghjkl01 asdfghjkl1
asdfghjkl1! asdfghjkl12 asdfghjkl123 asdfghjkl123! asdfghjkl1234 asdfghjkl1234! asdfghjkl12345 asdfghjkl123456
asdfghjkl123456! asdfghjkl1234567 asdfghjkl12345678 asdfghjkl2020 asdfghjkl2021 asdfghjkl2022 asdfghjkl2023
asdfghjkl2024 asdfghjkl2025 asdfghjkl2026 asdfghjkl2027 asdfghjkl69 asdfghjkl99 asdfghjkl? asdfghjkl@123
asdfghjklasdfghjkl ashley ashley! ashley!! ashley#1 ashley00 ashley007 ashley01 ashley1 ashley1! ashley12
ashley123 ashley123! ashley1234 ashley1234! ashley12345 ashley123456 ashley123456! ashley1234567
ashley12345678 ashley2020 ashley2021 ashley2022 ashley2023 ashley2024 ashley2025 ashley2026 ashley2027
ashley69 ashley99 ashley? ashley@123 ashleyashley atm atmkiosk atmkiosk! atmkiosk!! atmkiosk#1 atmkiosk00
atmkiosk007 atmkiosk01 atmkiosk1 atmkiosk1! atmkiosk12 atmkiosk123 atmkiosk123! atmkiosk1234 atmkiosk1234!
atmkiosk12345 atmkiosk123456 atmkiosk123456! atmkiosk1234567 atmkiosk12345678 atmkiosk2020 atmkiosk2021
atmkiosk2022 atmkiosk2023 atmkiosk2024 atmkiosk2025 atmkiosk2026 atmkiosk2027 atmkiosk69 atmkiosk99 atmkiosk?
atmkiosk@123 atmkioskatmkiosk august austin autumn autumn! autumn!! autumn#1 autumn00 autumn007 autumn01
autumn1 autumn1! autumn12 autumn123 autumn123! autumn1234 autumn1234! autumn12345 autumn123456 autumn123456!
autumn1234567 autumn12345678 autumn2020 autumn2021 autumn2022 autumn2023 autumn2024 autumn2025 autumn2026
autumn2027 autumn69 autumn99 autumn? autumn@123 autumnautumn azerty azerty! azerty!! azerty#1 azerty00
azerty007 azerty01 azerty1 azerty1! azerty12 azerty123 azerty123! azerty1234 azerty1234! azerty12345
azerty123456 azerty123456! azerty1234567 azerty12345678 azerty2020 azerty2021 azerty2022 azerty2023 azerty2024
azerty2025 azerty2026 azerty2027 azerty69 azerty99 azerty? azerty@123 azertyazerty azertyuiop azertyuiop!
azertyuiop!! azertyuiop#1 azertyuiop00 azertyuiop007 azertyuiop01 azertyuiop1 azertyuiop1! azertyuiop12
azertyuiop123 azertyuiop123! azertyuiop1234 azertyuiop1234! azertyuiop12345 azertyuiop123456 azertyuiop123456!
azertyuiop1234567 azertyuiop12345678 azertyuiop2020 azertyuiop2021 azertyuiop2022 azertyuiop2023
azertyuiop2024 azertyuiop2025 azertyuiop2026 azertyuiop2027 azertyuiop69 azertyuiop99 azertyuiop?
azertyuiop@123 azertyuiopazertyuiop babygirl banana banana! banana!! banana#1 banana00 banana007 banana01
banana1 banana1! banana12 banana123 banana123! banana1234 banana1234! banana12345 banana123456 banana123456!
banana1234567 banana12345678 banana2020 banana2021 banana2022 banana2023 banana2024 banana2025 banana2026
banana2027 banana69 banana99 banana? banana@123 bananabanana bank banking banking! banking!! banking#1
banking00 banking007 banking01 banking1 banking1! banking12 banking123 banking123! banking1234 banking1234!
banking12345 banking123456 banking123456! banking1234567 banking12345678 banking2020 banking2021 banking2022
banking2023 banking2024 banking2025 banking2026 banking2027 banking69 banking99 banking? banking@123
bankingbanking barcelona barcelona! barcelona!! barcelona#1 barcelona00 barcelona007 barcelona01 barcelona1
barcelona1! barcelona12 barcelona123 barcelona123! barcelona1234 barcelona1234! barcelona12345 barcelona123456
barcelona123456! barcelona1234567 barcelona12345678 barcelona2020 barcelona2021 barcelona2022 barcelona2023
barcelona2024 barcelona2025 barcelona2026 barcelona2027 barcelona69 barcelona99 barcelona? barcelona@123
barcelonabarcelona baseball baseball! baseball!! baseball#1 baseball00 baseball007 baseball01 baseball1
baseball1! baseball12 baseball123 baseball123! baseball1234 baseball1234! baseball12345 baseball123456
baseball123456! baseball1234567 baseball12345678 baseball2020 baseball2021 baseball2022 baseball2023
baseball2024 baseball2025 baseball2026 baseball2027 baseball69 baseball99 baseball? baseball@123
baseballbaseball basketball basketball! basketball!! basketball#1 basketball00 basketball007 basketball01
basketball1 basketball1! basketball12 basketball123 basketball123! basketball1234 basketball1234!
basketball12345 basketball123456 basketball123456! basketball1234567 basketball12345678 basketball2020
basketball2021 basketball2022 basketball2023 basketball2024 basketball2025 basketball2026 basketball2027
basketball69 basketball99 basketball? basketball@123 basketballbasketball batman batman! batman!! batman#1
batman00 batman007 batman01 batman1 batman1! batman12 batman123 batman123! batman1234 batman1234! batman12345
batman123456 batman123456! batman1234567 batman12345678 batman2020 batman2021 batman2022 batman2023 batman2024
batman2025 batman2026 batman2027 batman69 batman99 batman? batman@123 batmanbatman beautiful beautiful!
beautiful!! beautiful#1 beautiful00 beautiful007 beautiful01 beautiful1 beautiful1! beautiful12 beautiful123
beautiful123! beautiful1234 beautiful1234! beautiful12345 beautiful123456 beautiful123456! beautiful1234567
beautiful12345678 beautiful2020 beautiful2021 beautiful2022 beautiful2023 beautiful2024 beautiful2025
beautiful2026 beautiful2027 beautiful69 beautiful99 beautiful? beautiful@123 beautifulbeautiful berlin berlin!
berlin!! berlin#1 berlin00 berlin007 berlin01 berlin1 berlin1! berlin12 berlin123 berlin123! berlin1234
berlin1234! berlin12345 berlin123456 berlin123456! berlin1234567 berlin12345678 berlin2020 berlin2021
berlin2022 berlin2023 berlin2024 berlin2025 berlin2026 berlin2027 berlin69 berlin99 berlin? berlin@123
berlinberlin beyonce bieber bitcoin bitcoin! bitcoin!! bitcoin#1 bitcoin00 bitcoin007 bitcoin01 bitcoin1
bitcoin1! bitcoin12 bitcoin123 bitcoin123! bitcoin1234 bitcoin1234! bitcoin12345 bitcoin123456 bitcoin123456!
bitcoin1234567 bitcoin12345678 bitcoin2020 bitcoin2021 bitcoin2022 bitcoin2023 bitcoin2024 bitcoin2025
bitcoin2026 bitcoin2027 bitcoin69 bitcoin99 bitcoin? bitcoin@123 bitcoinbitcoin biteme blessed blessed!
blessed!! blessed#1 blessed00 blessed007 blessed01 blessed1 blessed1! blessed12 blessed123 blessed123!
blessed1234 blessed1234! blessed12345 blessed123456 blessed123456! blessed1234567 blessed12345678 blessed2020
blessed2021 blessed2022 blessed2023 blessed2024 blessed2025 blessed2026 blessed2027 blessed69 blessed99
blessed? blessed@123 blessedblessed blink182 bonjour bonjour! bonjour!! bonjour#1 bonjour00 bonjour007
bonjour01 bonjour1 bonjour1! bonjour12 bonjour123 bonjour123! bonjour1234 bonjour1234! bonjour12345
bonjour123456 bonjour123456! bonjour1234567 bonjour12345678 bonjour2020 bonjour2021 bonjour2022 bonjour2023
bonjour2024 bonjour2025 bonjour2026 bonjour2027 bonjour69 bonjour99 bonjour? bonjour@123 bonjourbonjour branch
branch! branch!! branch#1 branch00 branch007 branch01 branch1 branch1! branch12 branch123 branch123!
branch1234 branch1234! branch12345 branch123456 branch123456! branch1234567 branch12345678 branch2020
branch2021 branch2022 branch2023 branch2024 branch2025 branch2026 branch2027 branch69 branch99 branch?
branch@123 branchbranch brazil buster buster! buster!! buster#1 buster00 buster007 buster01 buster1 buster1!
buster12 buster123 buster123! buster1234 buster1234! buster12345 buster123456 buster123456! buster1234567
buster12345678 buster2020 buster2021 buster2022 buster2023 buster2024 buster2025 buster2026 buster2027
buster69 buster99 buster? buster@123 busterbuster butterfly butterfly! butterfly!! butterfly#1 butterfly00
butterfly007 butterfly01 butterfly1 butterfly1! butterfly12 butterfly123 butterfly123! butterfly1234
butterfly1234! butterfly12345 butterfly123456 butterfly123456! butterfly1234567 butterfly12345678
butterfly2020 butterfly2021 butterfly2022 butterfly2023 butterfly2024 butterfly2025 butterfly2026
butterfly2027 butterfly69 butterfly99 butterfly? butterfly@123 butterflybutterfly camaro camaro! camaro!!
camaro#1 camaro00 camaro007 camaro01 camaro1 camaro1! camaro12 camaro123 camaro123! camaro1234 camaro1234!
camaro12345 camaro123456 camaro123456! camaro1234567 camaro12345678 camaro2020 camaro2021 camaro2022
camaro2023 camaro2024 camaro2025 camaro2026 camaro2027 camaro69 camaro99 camaro? camaro@123 camarocamaro
canada cashier cashier! cashier!! cashier#1 cashier00 cashier007 cashier01 cashier1 cashier1! cashier12
cashier123 cashier123! cashier1234 cashier1234! cashier12345 cashier123456 cashier123456! cashier1234567
cashier12345678 cashier2020 cashier2021 cashier2022 cashier2023 cashier2024 cashier2025 cashier2026
cashier2027 cashier69 cashier99 cashier? cashier@123 cashiercashier champion champion! champion!! champion#1
champion00 champion007 champion01 champion1 champion1! champion12 champion123 champion123! champion1234
champion1234! champion12345 champion123456 champion123456! champion1234567 champion12345678 champion2020
champion2021 champion2022 champion2023 champion2024 champion2025 champion2026 champion2027 champion69
champion99 champion? champion@123 championchampion changeme changeme! changeme!! changeme#1 changeme00
changeme007 changeme01 changeme1 changeme1! changeme12 changeme123 changeme123! changeme1234 changeme1234!
changeme12345 changeme123456 changeme123456! changeme1234567 changeme12345678 changeme2020 changeme2021
changeme2022 changeme2023 changeme2024 changeme2025 changeme2026 changeme2027 changeme69 changeme99 changeme?
changeme@123 changemechangeme charlie charlie! charlie!! charlie#1 charlie00 charlie007 charlie01 charlie1
charlie1! charlie12 charlie123 charlie123! charlie1234 charlie1234! charlie12345 charlie123456 charlie123456!
charlie1234567 charlie12345678 charlie2020 charlie2021 charlie2022 charlie2023 charlie2024 charlie2025
charlie2026 charlie2027 charlie69 charlie99 charlie? charlie@123 charliecharlie cheese cheese! cheese!!
cheese#1 cheese00 cheese007 cheese01 cheese1 cheese1! cheese12 cheese123 cheese123! cheese1234 cheese1234!
cheese12345 cheese123456 cheese123456! cheese1234567 cheese12345678 cheese2020 cheese2021 cheese2022
cheese2023 cheese2024 cheese2025 cheese2026 cheese2027 cheese69 cheese99 cheese? cheese@123 cheesecheese
chelsea chelsea! chelsea!! chelsea#1 chelsea00 chelsea007 chelsea01 chelsea1 chelsea1! chelsea12 chelsea123
chelsea123! chelsea1234 chelsea1234! chelsea12345 chelsea123456 chelsea123456! chelsea1234567 chelsea12345678
chelsea2020 chelsea2021 chelsea2022 chelsea2023 chelsea2024 chelsea2025 chelsea2026 chelsea2027 chelsea69
chelsea99 chelsea? chelsea@123 chelseachelsea chelseafc chicago chicago! chicago!! chicago#1 chicago00
chicago007 chicago01 chicago1 chicago1! chicago12 chicago123 chicago123! chicago1234 chicago1234! chicago12345
chicago123456 chicago123456! chicago1234567 chicago12345678 chicago2020 chicago2021 chicago2022 chicago2023
chicago2024 chicago2025 chicago2026 chicago2027 chicago69 chicago99 chicago? chicago@123 chicagochicago
chicken chicken! chicken!! chicken#1 chicken00 chicken007 chicken01 chicken1 chicken1! chicken12 chicken123
chicken123! chicken1234 chicken1234! chicken12345 chicken123456 chicken123456! chicken1234567 chicken12345678
chicken2020 chicken2021 chicken2022 chicken2023 chicken2024 chicken2025 chicken2026 chicken2027 chicken69
chicken99 chicken? chicken@123 chickenchicken china chocolate chocolate! chocolate!! chocolate#1 chocolate00
chocolate007 chocolate01 chocolate1 chocolate1! chocolate12 chocolate123 chocolate123! chocolate1234
chocolate1234! chocolate12345 chocolate123456 chocolate123456! chocolate1234567 chocolate12345678
chocolate2020 chocolate2021 chocolate2022 chocolate2023 chocolate2024 chocolate2025 chocolate2026
chocolate2027 chocolate69 chocolate99 chocolate? chocolate@123 chocolatechocolate chouchou christ cisco coffee
coffee! coffee!! coffee#1 coffee00 coffee007 coffee01 coffee1 coffee1! coffee12 coffee123 coffee123!
coffee1234 coffee1234! coffee12345 coffee123456 coffee123456! coffee1234567 coffee12345678 coffee2020
coffee2021 coffee2022 coffee2023 coffee2024 coffee2025 coffee2026 coffee2027 coffee69 coffee99 coffee?
coffee@123 coffeecoffee computer computer! computer!! computer#1 computer00 computer007 computer01 computer1
computer1! computer12 computer123 computer123! computer1234 computer1234! computer12345 computer123456
computer123456! computer1234567 computer12345678 computer2020 computer2021 computer2022 computer2023
computer2024 computer2025 computer2026 computer2027 computer69 computer99 computer? computer@123
computercomputer contrasena contrasena! contrasena!! contrasena#1 contrasena00 contrasena007 contrasena01
contrasena1 contrasena1! contrasena12 contrasena123 contrasena123! contrasena1234 contrasena1234!
contrasena12345 contrasena123456 contrasena123456! contrasena1234567 contrasena12345678 contrasena2020
contrasena2021 contrasena2022 contrasena2023 contrasena2024 contrasena2025 contrasena2026 contrasena2027
contrasena69 contrasena99 contrasena? contrasena@123 contrasenacontrasena contraseña cookie cookie! cookie!!
cookie#1 cookie00 cookie007 cookie01 cookie1 cookie1! cookie12 cookie123 cookie123! cookie1234 cookie1234!
cookie12345 cookie123456 cookie123456! cookie1234567 cookie12345678 cookie2020 cookie2021 cookie2022
cookie2023 cookie2024 cookie2025 cookie2026 cookie2027 cookie69 cookie99 cookie? cookie@123 cookiecookie
correcthorsebatterystaple corvette corvette! corvette!! corvette#1 corvette00 corvette007 corvette01 corvette1
corvette1! corvette12 corvette123 corvette123! corvette1234 corvette1234! corvette12345 corvette123456
corvette123456! corvette1234567 corvette12345678 corvette2020 corvette2021 corvette2022 corvette2023
corvette2024 corvette2025 corvette2026 corvette2027 corvette69 corvette99 corvette? corvette@123
corvettecorvette cowboys cowboys! cowboys!! cowboys#1 cowboys00 cowboys007 cowboys01 cowboys1 cowboys1!
cowboys12 cowboys123 cowboys123! cowboys1234 cowboys1234! cowboys12345 cowboys123456 cowboys123456!
cowboys1234567 cowboys12345678 cowboys2020 cowboys2021 cowboys2022 cowboys2023 cowboys2024 cowboys2025
cowboys2026 cowboys2027 cowboys69 cowboys99 cowboys? cowboys@123 cowboyscowboys crypto crypto! crypto!!
crypto#1 crypto00 crypto007 crypto01 crypto1 crypto1! crypto12 crypto123 crypto123! crypto1234 crypto1234!
crypto12345 crypto123456 crypto123456! crypto1234567 crypto12345678 crypto2020 crypto2021 crypto2022
crypto2023 crypto2024 crypto2025 crypto2026 crypto2027 crypto69 crypto99 crypto? crypto@123 cryptocrypto
dallas daniel daniel! daniel!! daniel#1 daniel00 daniel007 daniel01 daniel1 daniel1! daniel12 daniel123
daniel123! daniel1234 daniel1234! daniel12345 daniel123456 daniel123456! daniel1234567 daniel12345678
daniel2020 daniel2021 daniel2022 daniel2023 daniel2024 daniel2025 daniel2026 daniel2027 daniel69 daniel99
daniel? daniel@123 danieldaniel database database! database!! database#1 database00 database007 database01
database1 database1! database12 database123 database123! database1234 database1234! database12345
database123456 database123456! database1234567 database12345678 database2020 database2021 database2022
database2023 database2024 database2025 database2026 database2027 database69 database99 database? database@123
databasedatabase december default default! default!! default#1 default00 default007 default01 default1
default1! default12 default123 default123! default1234 default1234! default12345 default123456 default123456!
default1234567 default12345678 default2020 default2021 default2022 default2023 default2024 default2025
default2026 default2027 default69 default99 default? default@123 defaultdefault devil diamond diamond!
diamond!! diamond#1 diamond00 diamond007 diamond01 diamond1 diamond1! diamond12 diamond123 diamond123!
diamond1234 diamond1234! diamond12345 diamond123456 diamond123456! diamond1234567 diamond12345678 diamond2020
diamond2021 diamond2022 diamond2023 diamond2024 diamond2025 diamond2026 diamond2027 diamond69 diamond99
diamond? diamond@123 diamonddiamond dollar dollar! dollar!! dollar#1 dollar00 dollar007 dollar01 dollar1
dollar1! dollar12 dollar123 dollar123! dollar1234 dollar1234! dollar12345 dollar123456 dollar123456!
dollar1234567 dollar12345678 dollar2020 dollar2021 dollar2022 dollar2023 dollar2024 dollar2025 dollar2026
dollar2027 dollar69 dollar99 dollar? dollar@123 dollardollar doudou doudou! doudou!! doudou#1 doudou00
doudou007 doudou01 doudou1 doudou1! doudou12 doudou123 doudou123! doudou1234 doudou1234! doudou12345
doudou123456 doudou123456! doudou1234567 doudou12345678 doudou2020 doudou2021 doudou2022 doudou2023 doudou2024
doudou2025 doudou2026 doudou2027 doudou69 doudou99 doudou? doudou@123 doudoudoudou dragon dragon! dragon!!
dragon#1 dragon00 dragon007 dragon01 dragon1 dragon1! dragon12 dragon123 dragon123! dragon1234 dragon1234!
dragon12345 dragon123456 dragon123456! dragon1234567 dragon12345678 dragon2020 dragon2021 dragon2022
dragon2023 dragon2024 dragon2025 dragon2026 dragon2027 dragon69 dragon99 dragon? dragon@123 dragonball
dragonball! dragonball!! dragonball#1 dragonball00 dragonball007 dragonball01 dragonball1 dragonball1!
dragonball12 dragonball123 dragonball123! dragonball1234 dragonball1234! dragonball12345 dragonball123456
dragonball123456! dragonball1234567 dragonball12345678 dragonball2020 dragonball2021 dragonball2022
dragonball2023 dragonball2024 dragonball2025 dragonball2026 dragonball2027 dragonball69 dragonball99
dragonball? dragonball@123 dragonballdragonball dragondragon eagles eagles! eagles!! eagles#1 eagles00
eagles007 eagles01 eagles1 eagles1! eagles12 eagles123 eagles123! eagles1234 eagles1234! eagles12345
eagles123456 eagles123456! eagles1234567 eagles12345678 eagles2020 eagles2021 eagles2022 eagles2023 eagles2024
eagles2025 eagles2026 eagles2027 eagles69 eagles99 eagles? eagles@123 eagleseagles elephant elephant!
elephant!! elephant#1 elephant00 elephant007 elephant01 elephant1 elephant1! elephant12 elephant123
elephant123! elephant1234 elephant1234! elephant12345 elephant123456 elephant123456! elephant1234567
elephant12345678 elephant2020 elephant2021 elephant2022 elephant2023 elephant2024 elephant2025 elephant2026
elephant2027 elephant69 elephant99 elephant? elephant@123 elephantelephant eminem england espana euro euro!
euro!! euro#1 euro00 euro007 euro01 euro1 euro1! euro12 euro123 euro123! euro1234 euro1234! euro12345
euro123456 euro123456! euro1234567 euro12345678 euro2020 euro2021 euro2022 euro2023 euro2024 euro2025 euro2026
euro2027 euro69 euro99 euro? euro@123 euroeuro facebook faith faith! faith!! faith#1 faith00 faith007 faith01
faith1 faith1! faith12 faith123 faith123! faith1234 faith1234! faith12345 faith123456 faith123456!
faith1234567 faith12345678 faith2020 faith2021 faith2022 faith2023 faith2024 faith2025 faith2026 faith2027
faith69 faith99 faith? faith@123 faithfaith fall2024 family family! family!! family#1 family00 family007
family01 family1 family1! family12 family123 family123! family1234 family1234! family12345 family123456
family123456! family1234567 family12345678 family2020 family2021 family2022 family2023 family2024 family2025
family2026 family2027 family69 family99 family? family@123 familyfamily february ferrari ferrari! ferrari!!
ferrari#1 ferrari00 ferrari007 ferrari01 ferrari1 ferrari1! ferrari12 ferrari123 ferrari123! ferrari1234
ferrari1234! ferrari12345 ferrari123456 ferrari123456! ferrari1234567 ferrari12345678 ferrari2020 ferrari2021
ferrari2022 ferrari2023 ferrari2024 ferrari2025 ferrari2026 ferrari2027 ferrari69 ferrari99 ferrari?
ferrari@123 ferrariferrari flower flower! flower!! flower#1 flower00 flower007 flower01 flower1 flower1!
flower12 flower123 flower123! flower1234 flower1234! flower12345 flower123456 flower123456! flower1234567
flower12345678 flower2020 flower2021 flower2022 flower2023 flower2024 flower2025 flower2026 flower2027
flower69 flower99 flower? flower@123 flowerflower football football! football!! football#1 football00
football007 football01 football1 football1! football12 football123 football123! football1234 football1234!
football12345 football123456 football123456! football1234567 football12345678 football2020 football2021
football2022 football2023 football2024 football2025 football2026 football2027 football69 football99 football?
football@123 footballfootball forever forever! forever!! forever#1 forever00 forever007 forever01 forever1
forever1! forever12 forever123 forever123! forever1234 forever1234! forever12345 forever123456 forever123456!
forever1234567 forever12345678 forever2020 forever2021 forever2022 forever2023 forever2024 forever2025
forever2026 forever2027 forever69 forever99 forever? forever@123 foreverforever fortnite fortnite! fortnite!!
fortnite#1 fortnite00 fortnite007 fortnite01 fortnite1 fortnite1! fortnite12 fortnite123 fortnite123!
fortnite1234 fortnite1234! fortnite12345 fortnite123456 fortnite123456! fortnite1234567 fortnite12345678
fortnite2020 fortnite2021 fortnite2022 fortnite2023 fortnite2024 fortnite2025 fortnite2026 fortnite2027
fortnite69 fortnite99 fortnite? fortnite@123 fortnitefortnite france freedom freedom! freedom!! freedom#1
freedom00 freedom007 freedom01 freedom1 freedom1! freedom12 freedom123 freedom123! freedom1234 freedom1234!
freedom12345 freedom123456 freedom123456! freedom1234567 freedom12345678 freedom2020 freedom2021 freedom2022
freedom2023 freedom2024 freedom2025 freedom2026 freedom2027 freedom69 freedom99 freedom? freedom@123
freedomfreedom friday friends friends! friends!! friends#1 friends00 friends007 friends01 friends1 friends1!
friends12 friends123 friends123! friends1234 friends1234! friends12345 friends123456 friends123456!
friends1234567 friends12345678 friends2020 friends2021 friends2022 friends2023 friends2024 friends2025
friends2026 friends2027 friends69 friends99 friends? friends@123 friendsfriends fussball fussball! fussball!!
fussball#1 fussball00 fussball007 fussball01 fussball1 fussball1! fussball12 fussball123 fussball123!
fussball1234 fussball1234! fussball12345 fussball123456 fussball123456! fussball1234567 fussball12345678
fussball2020 fussball2021 fussball2022 fussball2023 fussball2024 fussball2025 fussball2026 fussball2027
fussball69 fussball99 fussball? fussball@123 fussballfussball gamer gamer! gamer!! gamer#1 gamer00 gamer007
gamer01 gamer1 gamer1! gamer12 gamer123 gamer123! gamer1234 gamer1234! gamer12345 gamer123456 gamer123456!
gamer1234567 gamer12345678 gamer2020 gamer2021 gamer2022 gamer2023 gamer2024 gamer2025 gamer2026 gamer2027
gamer69 gamer99 gamer? gamer@123 gamergamer george germany ginger ginger! ginger!! ginger#1 ginger00 ginger007
ginger01 ginger1 ginger1! ginger12 ginger123 ginger123! ginger1234 ginger1234! ginger12345 ginger123456
ginger123456! ginger1234567 ginger12345678 ginger2020 ginger2021 ginger2022 ginger2023 ginger2024 ginger2025
ginger2026 ginger2027 ginger69 ginger99 ginger? ginger@123 gingerginger god golden golden! golden!! golden#1
golden00 golden007 golden01 golden1 golden1! golden12 golden123 golden123! golden1234 golden1234! golden12345
golden123456 golden123456! golden1234567 golden12345678 golden2020 golden2021 golden2022 golden2023 golden2024
golden2025 golden2026 golden2027 golden69 golden99 golden? golden@123 goldengolden goodbye goodbye! goodbye!!
goodbye#1 goodbye00 goodbye007 goodbye01 goodbye1 goodbye1! goodbye12 goodbye123 goodbye123! goodbye1234
goodbye1234! goodbye12345 goodbye123456 goodbye123456! goodbye1234567 goodbye12345678 goodbye2020 goodbye2021
goodbye2022 goodbye2023 goodbye2024 goodbye2025 goodbye2026 goodbye2027 goodbye69 goodbye99 goodbye?
goodbye@123 goodbyegoodbye google grace grace! grace!! grace#1 grace00 grace007 grace01 grace1 grace1! grace12
grace123 grace123! grace1234 grace1234! grace12345 grace123456 grace123456! grace1234567 grace12345678
grace2020 grace2021 grace2022 grace2023 grace2024 grace2025 grace2026 grace2027 grace69 grace99 grace?
grace@123 gracegrace guest hacker hacker! hacker!! hacker#1 hacker00 hacker007 hacker01 hacker1 hacker1!
hacker12 hacker123 hacker123! hacker1234 hacker1234! hacker12345 hacker123456 hacker123456! hacker1234567
hacker12345678 hacker2020 hacker2021 hacker2022 hacker2023 hacker2024 hacker2025 hacker2026 hacker2027
hacker69 hacker99 hacker? hacker@123 hackerhacker hallo hallo! hallo!! hallo#1 hallo00 hallo007 hallo01 hallo1
hallo1! hallo12 hallo123 hallo123! hallo1234 hallo1234! hallo12345 hallo123456 hallo123456! hallo1234567
hallo12345678 hallo2020 hallo2021 hallo2022 hallo2023 hallo2024 hallo2025 hallo2026 hallo2027 hallo69 hallo99
hallo? hallo@123 hallohallo hamburger hamburger! hamburger!! hamburger#1 hamburger00 hamburger007 hamburger01
hamburger1 hamburger1! hamburger12 hamburger123 hamburger123! hamburger1234 hamburger1234! hamburger12345
hamburger123456 hamburger123456! hamburger1234567 hamburger12345678 hamburger2020 hamburger2021 hamburger2022
hamburger2023 hamburger2024 hamburger2025 hamburger2026 hamburger2027 hamburger69 hamburger99 hamburger?
hamburger@123 hamburgerhamburger harley harley! harley!! harley#1 harley00 harley007 harley01 harley1 harley1!
harley12 harley123 harley123! harley1234 harley1234! harley12345 harley123456 harley123456! harley1234567
harley12345678 harley2020 harley2021 harley2022 harley2023 harley2024 harley2025 harley2026 harley2027
harley69 harley99 harley? harley@123 harleyharley heaven heaven! heaven!! heaven#1 heaven00 heaven007 heaven01
heaven1 heaven1! heaven12 heaven123 heaven123! heaven1234 heaven1234! heaven12345 heaven123456 heaven123456!
heaven1234567 heaven12345678 heaven2020 heaven2021 heaven2022 heaven2023 heaven2024 heaven2025 heaven2026
heaven2027 heaven69 heaven99 heaven? heaven@123 heavenheaven hello hello! hello!! hello#1 hello00 hello007
hello01 hello1 hello1! hello12 hello123 hello123! hello1234 hello1234! hello12345 hello123456 hello123456!
hello1234567 hello12345678 hello2020 hello2021 hello2022 hello2023 hello2024 hello2025 hello2026 hello2027
hello69 hello99 hello? hello@123 hellohello hockey hockey! hockey!! hockey#1 hockey00 hockey007 hockey01
hockey1 hockey1! hockey12 hockey123 hockey123! hockey1234 hockey1234! hockey12345 hockey123456 hockey123456!
hockey1234567 hockey12345678 hockey2020 hockey2021 hockey2022 hockey2023 hockey2024 hockey2025 hockey2026
hockey2027 hockey69 hockey99 hockey? hockey@123 hockeyhockey hope hope! hope!! hope#1 hope00 hope007 hope01
hope1 hope1! hope12 hope123 hope123! hope1234 hope1234! hope12345 hope123456 hope123456! hope1234567
hope12345678 hope2020 hope2021 hope2022 hope2023 hope2024 hope2025 hope2026 hope2027 hope69 hope99 hope?
hope@123 hopehope hunter hunter! hunter!! hunter#1 hunter00 hunter007 hunter01 hunter1 hunter1! hunter12
hunter123 hunter123! hunter1234 hunter1234! hunter12345 hunter123456 hunter123456! hunter1234567
hunter12345678 hunter2020 hunter2021 hunter2022 hunter2023 hunter2024 hunter2025 hunter2026 hunter2027
hunter69 hunter99 hunter? hunter@123 hunterhunter iloveadmin iloveadministrator iloveandrew iloveasdfghjkl
iloveashley iloveautumn ilovebaseball ilovebasketball ilovebatman ilovebuster ilovecharlie ilovecomputer
ilovedaniel ilovedragon ilovefootball ilovefreedom iloveginger ilovehockey ilovehunter iloveiloveyou
iloveinternet ilovejennifer ilovejessica ilovejoshua iloveletmein ilovemaggie ilovemaster ilovematthew
ilovemichael ilovemonkey ilovep@ssw0rd ilovepa55w0rd ilovepassw0rd ilovepassword ilovepepper ilovepokemon
iloveprincess iloveqazwsx iloveqazwsxedc iloveqwerty iloveqwertyuiop iloveqwertyuiopasdfghjkl iloveranger
iloverobert iloveshadow ilovesoccer ilovespiderman ilovespring ilovestarwars ilovesummer ilovesunshine
ilovesuperman ilovethomas ilovetigger ilovetrustno1 iloveu ilovewelcome ilovewhatever ilovewinter iloveyou
iloveyou! iloveyou!! iloveyou#1 iloveyou00 iloveyou007 iloveyou01 iloveyou1 iloveyou1! iloveyou12 iloveyou123
iloveyou123! iloveyou1234 iloveyou1234! iloveyou12345 iloveyou123456 iloveyou123456! iloveyou1234567
iloveyou12345678 iloveyou2 iloveyou2! iloveyou2!! iloveyou2#1 iloveyou200 iloveyou2007 iloveyou201
iloveyou2020 iloveyou2021 iloveyou2022 iloveyou2023 iloveyou2024 iloveyou2025 iloveyou2026 iloveyou2027
iloveyou21 iloveyou21! iloveyou212 iloveyou2123 iloveyou2123! iloveyou21234 iloveyou21234! iloveyou212345
iloveyou2123456 iloveyou2123456! iloveyou21234567 iloveyou212345678 iloveyou22020 iloveyou22021 iloveyou22022
iloveyou22023 iloveyou22024 iloveyou22025 iloveyou22026 iloveyou22027 iloveyou269 iloveyou299 iloveyou2?
iloveyou2@123 iloveyou2iloveyou2 iloveyou69 iloveyou99 iloveyou? iloveyou@123 iloveyouiloveyou ilovezaq1xsw2
ilovezxcvbnm india instagram internet internet! internet!! internet#1 internet00 internet007 internet01
internet1 internet1! internet12 internet123 internet123! internet1234 internet1234! internet12345
internet123456 internet123456! internet1234567 internet12345678 internet2020 internet2021 internet2022
internet2023 internet2024 internet2025 internet2026 internet2027 internet69 internet99 internet? internet@123
internetinternet jaguar jaguar! jaguar!! jaguar#1 jaguar00 jaguar007 jaguar01 jaguar1 jaguar1! jaguar12
jaguar123 jaguar123! jaguar1234 jaguar1234! jaguar12345 jaguar123456 jaguar123456! jaguar1234567
jaguar12345678 jaguar2020 jaguar2021 jaguar2022 jaguar2023 jaguar2024 jaguar2025 jaguar2026 jaguar2027
jaguar69 jaguar99 jaguar? jaguar@123 jaguarjaguar january japan jennifer jennifer! jennifer!! jennifer#1
jennifer00 jennifer007 jennifer01 jennifer1 jennifer1! jennifer12 jennifer123 jennifer123! jennifer1234
jennifer1234! jennifer12345 jennifer123456 jennifer123456! jennifer1234567 jennifer12345678 jennifer2020
jennifer2021 jennifer2022 jennifer2023 jennifer2024 jennifer2025 jennifer2026 jennifer2027 jennifer69
jennifer99 jennifer? jennifer@123 jenniferjennifer jessica jessica! jessica!! jessica#1 jessica00 jessica007
jessica01 jessica1 jessica1! jessica12 jessica123 jessica123! jessica1234 jessica1234! jessica12345
jessica123456 jessica123456! jessica1234567 jessica12345678 jessica2020 jessica2021 jessica2022 jessica2023
jessica2024 jessica2025 jessica2026 jessica2027 jessica69 jessica99 jessica? jessica@123 jessicajessica jesus
jesus! jesus!! jesus#1 jesus00 jesus007 jesus01 jesus1 jesus1! jesus12 jesus123 jesus123! jesus1234 jesus1234!
jesus12345 jesus123456 jesus123456! jesus1234567 jesus12345678 jesus2020 jesus2021 jesus2022 jesus2023
jesus2024 jesus2025 jesus2026 jesus2027 jesus69 jesus99 jesus? jesus@123 jesusjesus jordan jordan23 joshua
joshua! joshua!! joshua#1 joshua00 joshua007 joshua01 joshua1 joshua1! joshua12 joshua123 joshua123!
joshua1234 joshua1234! joshua12345 joshua123456 joshua123456! joshua1234567 joshua12345678 joshua2020
joshua2021 joshua2022 joshua2023 joshua2024 joshua2025 joshua2026 joshua2027 joshua69 joshua99 joshua?
joshua@123 joshuajoshua july june justin juventus juventus! juventus!! juventus#1 juventus00 juventus007
juventus01 juventus1 juventus1! juventus12 juventus123 juventus123! juventus1234 juventus1234! juventus12345
juventus123456 juventus123456! juventus1234567 juventus12345678 juventus2020 juventus2021 juventus2022
juventus2023 juventus2024 juventus2025 juventus2026 juventus2027 juventus69 juventus99 juventus? juventus@123
juventusjuventus killer killer! killer!! killer#1 killer00 killer007 killer01 killer1 killer1! killer12
killer123 killer123! killer1234 killer1234! killer12345 killer123456 killer123456! killer1234567
killer12345678 killer2020 killer2021 killer2022 killer2023 killer2024 killer2025 killer2026 killer2027
killer69 killer99 killer? killer@123 killerkiller kiosk kiosk! kiosk!! kiosk#1 kiosk00 kiosk007 kiosk01 kiosk1
kiosk1! kiosk12 kiosk123 kiosk123! kiosk1234 kiosk1234! kiosk12345 kiosk123456 kiosk123456! kiosk1234567
kiosk12345678 kiosk2020 kiosk2021 kiosk2022 kiosk2023 kiosk2024 kiosk2025 kiosk2026 kiosk2027 kiosk69 kiosk99
kiosk? kiosk@123 kioskkiosk klaster knight knight! knight!! knight#1 knight00 knight007 knight01 knight1
knight1! knight12 knight123 knight123! knight1234 knight1234! knight12345 knight123456 knight123456!
knight1234567 knight12345678 knight2020 knight2021 knight2022 knight2023 knight2024 knight2025 knight2026
knight2027 knight69 knight99 knight? knight@123 knightknight lakers lakers! lakers!! lakers#1 lakers00
lakers007 lakers01 lakers1 lakers1! lakers12 lakers123 lakers123! lakers1234 lakers1234! lakers12345
lakers123456 lakers123456! lakers1234567 lakers12345678 lakers2020 lakers2021 lakers2022 lakers2023 lakers2024
lakers2025 lakers2026 lakers2027 lakers69 lakers99 lakers? lakers@123 lakerslakers letmein letmein! letmein!!
letmein#1 letmein00 letmein007 letmein01 letmein1 letmein1! letmein1!! letmein1#1 letmein100 letmein1007
letmein101 letmein11 letmein11! letmein112 letmein1123 letmein1123! letmein11234 letmein11234! letmein112345
letmein1123456 letmein1123456! letmein11234567 letmein112345678 letmein12 letmein12020 letmein12021
letmein12022 letmein12023 letmein12024 letmein12025 letmein12026 letmein12027 letmein123 letmein123!
letmein1234 letmein1234! letmein12345 letmein123456 letmein123456! letmein1234567 letmein12345678 letmein169
letmein199 letmein1? letmein1@123 letmein1letmein1 letmein2020 letmein2021 letmein2022 letmein2023 letmein2024
letmein2025 letmein2026 letmein2027 letmein69 letmein99 letmein? letmein@123 letmeinletmein lightning
lightning! lightning!! lightning#1 lightning00 lightning007 lightning01 lightning1 lightning1! lightning12
lightning123 lightning123! lightning1234 lightning1234! lightning12345 lightning123456 lightning123456!
lightning1234567 lightning12345678 lightning2020 lightning2021 lightning2022 lightning2023 lightning2024
lightning2025 lightning2026 lightning2027 lightning69 lightning99 lightning? lightning@123 lightninglightning
linkedin linux liverpool liverpool! liverpool!! liverpool#1 liverpool00 liverpool007 liverpool01 liverpool1
liverpool1! liverpool12 liverpool123 liverpool123! liverpool1234 liverpool1234! liverpool12345 liverpool123456
liverpool123456! liverpool1234567 liverpool12345678 liverpool2020 liverpool2021 liverpool2022 liverpool2023
liverpool2024 liverpool2025 liverpool2026 liverpool2027 liverpool69 liverpool99 liverpool? liverpool@123
liverpoolliverpool login login! login!! login#1 login00 login007 login01 login1 login1! login12 login123
login123! login1234 login1234! login12345 login123456 login123456! login1234567 login12345678 login2020
login2021 login2022 login2023 login2024 login2025 login2026 login2027 login69 login99 login? login@123
loginlogin logon logon! logon!! logon#1 logon00 logon007 logon01 logon1 logon1! logon12 logon123 logon123!
logon1234 logon1234! logon12345 logon123456 logon123456! logon1234567 logon12345678 logon2020 logon2021
logon2022 logon2023 logon2024 logon2025 logon2026 logon2027 logon69 logon99 logon? logon@123 logonlogon london
london! london!! london#1 london00 london007 london01 london1 london1! london12 london123 london123!
london1234 london1234! london12345 london123456 london123456! london1234567 london12345678 london2020
london2021 london2022 london2023 london2024 london2025 london2026 london2027 london69 london99 london?
london@123 londonlondon loulou love lovely lovely! lovely!! lovely#1 lovely00 lovely007 lovely01 lovely1
lovely1! lovely12 lovely123 lovely123! lovely1234 lovely1234! lovely12345 lovely123456 lovely123456!
lovely1234567 lovely12345678 lovely2020 lovely2021 lovely2022 lovely2023 lovely2024 lovely2025 lovely2026
lovely2027 lovely69 lovely99 lovely? lovely@123 lovelylovely loveyou loveyou! loveyou!! loveyou#1 loveyou00
loveyou007 loveyou01 loveyou1 loveyou1! loveyou12 loveyou123 loveyou123! loveyou1234 loveyou1234! loveyou12345
loveyou123456 loveyou123456! loveyou1234567 loveyou12345678 loveyou2020 loveyou2021 loveyou2022 loveyou2023
loveyou2024 loveyou2025 loveyou2026 loveyou2027 loveyou69 loveyou99 loveyou? loveyou@123 loveyouloveyou
lucifer madrid madrid! madrid!! madrid#1 madrid00 madrid007 madrid01 madrid1 madrid1! madrid12 madrid123
madrid123! madrid1234 madrid1234! madrid12345 madrid123456 madrid123456! madrid1234567 madrid12345678
madrid2020 madrid2021 madrid2022 madrid2023 madrid2024 madrid2025 madrid2026 madrid2027 madrid69 madrid99
madrid? madrid@123 madridmadrid maggie maggie! maggie!! maggie#1 maggie00 maggie007 maggie01 maggie1 maggie1!
maggie12 maggie123 maggie123! maggie1234 maggie1234! maggie12345 maggie123456 maggie123456! maggie1234567
maggie12345678 maggie2020 maggie2021 maggie2022 maggie2023 maggie2024 maggie2025 maggie2026 maggie2027
maggie69 maggie99 maggie? maggie@123 maggiemaggie manager manager! manager!! manager#1 manager00 manager007
manager01 manager1 manager1! manager12 manager123 manager123! manager1234 manager1234! manager12345
manager123456 manager123456! manager1234567 manager12345678 manager2020 manager2021 manager2022 manager2023
manager2024 manager2025 manager2026 manager2027 manager69 manager99 manager? manager@123 managermanager
manchester manchester! manchester!! manchester#1 manchester00 manchester007 manchester01 manchester1
manchester1! manchester12 manchester123 manchester123! manchester1234 manchester1234! manchester12345
manchester123456 manchester123456! manchester1234567 manchester12345678 manchester2020 manchester2021
manchester2022 manchester2023 manchester2024 manchester2025 manchester2026 manchester2027 manchester69
manchester99 manchester? manchester@123 manchestermanchester march marseille marseille! marseille!!
marseille#1 marseille00 marseille007 marseille01 marseille1 marseille1! marseille12 marseille123 marseille123!
marseille1234 marseille1234! marseille12345 marseille123456 marseille123456! marseille1234567
marseille12345678 marseille2020 marseille2021 marseille2022 marseille2023 marseille2024 marseille2025
marseille2026 marseille2027 marseille69 marseille99 marseille? marseille@123 marseillemarseille master master!
master!! master#1 master00 master007 master01 master1 master1! master12 master123 master123! master123!!
master123#1 master12300 master123007 master12301 master1231 master1231! master12312 master123123 master123123!
master1231234 master1231234! master12312345 master123123456 master123123456! master1231234567
master12312345678 master1232020 master1232021 master1232022 master1232023 master1232024 master1232025
master1232026 master1232027 master1234 master1234! master12345 master123456 master123456! master1234567
master12345678 master12369 master12399 master123? master123@123 master123master123 master2020 master2021
master2022 master2023 master2024 master2025 master2026 master2027 master69 master99 master? master@123
mastermaster matrix matrix! matrix!! matrix#1 matrix00 matrix007 matrix01 matrix1 matrix1! matrix12 matrix123
matrix123! matrix1234 matrix1234! matrix12345 matrix123456 matrix123456! matrix1234567 matrix12345678
matrix2020 matrix2021 matrix2022 matrix2023 matrix2024 matrix2025 matrix2026 matrix2027 matrix69 matrix99
matrix? matrix@123 matrixmatrix matthew matthew! matthew!! matthew#1 matthew00 matthew007 matthew01 matthew1
matthew1! matthew12 matthew123 matthew123! matthew1234 matthew1234! matthew12345 matthew123456 matthew123456!
matthew1234567 matthew12345678 matthew2020 matthew2021 matthew2022 matthew2023 matthew2024 matthew2025
matthew2026 matthew2027 matthew69 matthew99 matthew? matthew@123 matthewmatthew may mercedes mercedes!
mercedes!! mercedes#1 mercedes00 mercedes007 mercedes01 mercedes1 mercedes1! mercedes12 mercedes123
mercedes123! mercedes1234 mercedes1234! mercedes12345 mercedes123456 mercedes123456! mercedes1234567
mercedes12345678 mercedes2020 mercedes2021 mercedes2022 mercedes2023 mercedes2024 mercedes2025 mercedes2026
mercedes2027 mercedes69 mercedes99 mercedes? mercedes@123 mercedesmercedes metallica mexico michael michael!
michael!! michael#1 michael00 michael007 michael01 michael1 michael1! michael12 michael123 michael123!
michael1234 michael1234! michael12345 michael123456 michael123456! michael1234567 michael12345678 michael2020
michael2021 michael2022 michael2023 michael2024 michael2025 michael2026 michael2027 michael69 michael99
michael? michael@123 michaelmichael michelle microsoft minecraft minecraft! minecraft!! minecraft#1
minecraft00 minecraft007 minecraft01 minecraft1 minecraft1! minecraft12 minecraft123 minecraft123!
minecraft1234 minecraft1234! minecraft12345 minecraft123456 minecraft123456! minecraft1234567
minecraft12345678 minecraft2020 minecraft2021 minecraft2022 minecraft2023 minecraft2024 minecraft2025
minecraft2026 minecraft2027 minecraft69 minecraft99 minecraft? minecraft@123 minecraftminecraft mobilemail mom
monday money money! money!! money#1 money00 money007 money01 money1 money1! money12 money123 money123!
money1234 money1234! money12345 money123456 money123456! money1234567 money12345678 money2020 money2021
money2022 money2023 money2024 money2025 money2026 money2027 money69 money99 money? money@123 moneymoney
monitor monitoring monkey monkey! monkey!! monkey#1 monkey00 monkey007 monkey01 monkey1 monkey1! monkey12
monkey12! monkey12!! monkey12#1 monkey1200 monkey12007 monkey1201 monkey121 monkey121! monkey1212 monkey12123
monkey12123! monkey121234 monkey121234! monkey1212345 monkey12123456 monkey12123456! monkey121234567
monkey1212345678 monkey122020 monkey122021 monkey122022 monkey122023 monkey122024 monkey122025 monkey122026
monkey122027 monkey123 monkey123! monkey1234 monkey1234! monkey12345 monkey123456 monkey123456! monkey1234567
monkey12345678 monkey1269 monkey1299 monkey12? monkey12@123 monkey12monkey12 monkey2020 monkey2021 monkey2022
monkey2023 monkey2024 monkey2025 monkey2026 monkey2027 monkey69 monkey99 monkey? monkey@123 monkeymonkey
montana moon moscow motdepasse motdepasse! motdepasse!! motdepasse#1 motdepasse00 motdepasse007 motdepasse01
motdepasse1 motdepasse1! motdepasse12 motdepasse123 motdepasse123! motdepasse1234 motdepasse1234!
motdepasse12345 motdepasse123456 motdepasse123456! motdepasse1234567 motdepasse12345678 motdepasse2020
motdepasse2021 motdepasse2022 motdepasse2023 motdepasse2024 motdepasse2025 motdepasse2026 motdepasse2027
motdepasse69 motdepasse99 motdepasse? motdepasse@123 motdepassemotdepasse mustang mustang! mustang!! mustang#1
mustang00 mustang007 mustang01 mustang1 mustang1! mustang12 mustang123 mustang123! mustang1234 mustang1234!
mustang12345 mustang123456 mustang123456! mustang1234567 mustang12345678 mustang2020 mustang2021 mustang2022
mustang2023 mustang2024 mustang2025 mustang2026 mustang2027 mustang69 mustang99 mustang? mustang@123
mustangmustang myadmin myadministrator myandrew myasdfghjkl myashley myautumn mybaseball mybasketball mybatman
mybuster mycharlie mycomputer mydaniel mydragon myfootball myfreedom myginger myhockey myhunter myiloveyou
myinternet myjennifer myjessica myjoshua myletmein mylove mylove! mylove!! mylove#1 mylove00 mylove007
mylove01 mylove1 mylove1! mylove12 mylove123 mylove123! mylove1234 mylove1234! mylove12345 mylove123456
mylove123456! mylove1234567 mylove12345678 mylove2020 mylove2021 mylove2022 mylove2023 mylove2024 mylove2025
mylove2026 mylove2027 mylove69 mylove99 mylove? mylove@123 mylovemylove mymaggie mymaster mymatthew mymichael
mymonkey myp@ssw0rd mypa55w0rd mypassw0rd mypassword mypepper mypokemon myprincess myqazwsx myqazwsxedc
myqwerty myqwertyuiop myqwertyuiopasdfghjkl myranger myrobert myshadow mysoccer myspiderman myspring
mystarwars mysummer mysunshine mysuperman mythomas mytigger mytrustno1 mywelcome mywhatever mywinter
myzaq1xsw2 myzxcvbnm naruto naruto! naruto!! naruto#1 naruto00 naruto007 naruto01 naruto1 naruto1! naruto12
naruto123 naruto123! naruto1234 naruto1234! naruto12345 naruto123456 naruto123456! naruto1234567
naruto12345678 naruto2020 naruto2021 naruto2022 naruto2023 naruto2024 naruto2025 naruto2026 naruto2027
naruto69 naruto99 naruto? naruto@123 narutonaruto newyork newyork! newyork!! newyork#1 newyork00 newyork007
newyork01 newyork1 newyork1! newyork12 newyork123 newyork123! newyork1234 newyork1234! newyork12345
newyork123456 newyork123456! newyork1234567 newyork12345678 newyork2020 newyork2021 newyork2022 newyork2023
newyork2024 newyork2025 newyork2026 newyork2027 newyork69 newyork99 newyork? newyork@123 newyorknewyork nicole
ninja ninja! ninja!! ninja#1 ninja00 ninja007 ninja01 ninja1 ninja1! ninja12 ninja123 ninja123! ninja1234
ninja1234! ninja12345 ninja123456 ninja123456! ninja1234567 ninja12345678 ninja2020 ninja2021 ninja2022
ninja2023 ninja2024 ninja2025 ninja2026 ninja2027 ninja69 ninja99 ninja? ninja@123 ninjaninja nirvana november
october operator operator! operator!! operator#1 operator00 operator007 operator01 operator1 operator1!
operator12 operator123 operator123! operator1234 operator1234! operator12345 operator123456 operator123456!
operator1234567 operator12345678 operator2020 operator2021 operator2022 operator2023 operator2024 operator2025
operator2026 operator2027 operator69 operator99 operator? operator@123 operatoroperator oracle oracle!
oracle!! oracle#1 oracle00 oracle007 oracle01 oracle1 oracle1! oracle12 oracle123 oracle123! oracle1234
oracle1234! oracle12345 oracle123456 oracle123456! oracle1234567 oracle12345678 oracle2020 oracle2021
oracle2022 oracle2023 oracle2024 oracle2025 oracle2026 oracle2027 oracle69 oracle99 oracle? oracle@123
oracleoracle orange orange! orange!! orange#1 orange00 orange007 orange01 orange1 orange1! orange12 orange123
orange123! orange1234 orange1234! orange12345 orange123456 orange123456! orange1234567 orange12345678
orange2020 orange2021 orange2022 orange2023 orange2024 orange2025 orange2026 orange2027 orange69 orange99
orange? orange@123 orangeorange p@ssw0rd p@ssw0rd! p@ssw0rd!! p@ssw0rd#1 p@ssw0rd00 p@ssw0rd007 p@ssw0rd01
p@ssw0rd1 p@ssw0rd1! p@ssw0rd12 p@ssw0rd123 p@ssw0rd123! p@ssw0rd1234 p@ssw0rd1234! p@ssw0rd12345
p@ssw0rd123456 p@ssw0rd123456! p@ssw0rd1234567 p@ssw0rd12345678 p@ssw0rd2020 p@ssw0rd2021 p@ssw0rd2022
p@ssw0rd2023 p@ssw0rd2024 p@ssw0rd2025 p@ssw0rd2026 p@ssw0rd2027 p@ssw0rd69 p@ssw0rd99 p@ssw0rd? p@ssw0rd@123
p@ssw0rdp@ssw0rd p@ssword pa55w0rd pa55w0rd! pa55w0rd!! pa55w0rd#1 pa55w0rd00 pa55w0rd007 pa55w0rd01 pa55w0rd1
pa55w0rd1! pa55w0rd12 pa55w0rd123 pa55w0rd123! pa55w0rd1234 pa55w0rd1234! pa55w0rd12345 pa55w0rd123456
pa55w0rd123456! pa55w0rd1234567 pa55w0rd12345678 pa55w0rd2020 pa55w0rd2021 pa55w0rd2022 pa55w0rd2023
pa55w0rd2024 pa55w0rd2025 pa55w0rd2026 pa55w0rd2027 pa55w0rd69 pa55w0rd99 pa55w0rd? pa55w0rd@123
pa55w0rdpa55w0rd pa55word packers packers! packers!! packers#1 packers00 packers007 packers01 packers1
packers1! packers12 packers123 packers123! packers1234 packers1234! packers12345 packers123456 packers123456!
packers1234567 packers12345678 packers2020 packers2021 packers2022 packers2023 packers2024 packers2025
packers2026 packers2027 packers69 packers99 packers? packers@123 packerspackers paris paris! paris!! paris#1
paris00 paris007 paris01 paris1 paris1! paris12 paris123 paris123! paris1234 paris1234! paris12345 paris123456
paris123456! paris1234567 paris12345678 paris2020 paris2021 paris2022 paris2023 paris2024 paris2025 paris2026
paris2027 paris69 paris99 paris? paris@123 parisparis pass passw0rd passw0rd! passw0rd!! passw0rd#1 passw0rd00
passw0rd007 passw0rd01 passw0rd1 passw0rd1! passw0rd12 passw0rd123 passw0rd123! passw0rd1234 passw0rd1234!
passw0rd12345 passw0rd123456 passw0rd123456! passw0rd1234567 passw0rd12345678 passw0rd2020 passw0rd2021
passw0rd2022 passw0rd2023 passw0rd2024 passw0rd2025 passw0rd2026 passw0rd2027 passw0rd69 passw0rd99 passw0rd?
passw0rd@123 passw0rdpassw0rd password password! password!! password#1 password00 password007 password01
password1 password1! password12 password123 password123! password1234 password1234! password12345
password123456 password123456! password1234567 password12345678 password2020 password2021 password2022
password2023 password2024 password2025 password2026 password2027 password69 password99 password? password@123
passwordpassword passwort passwort! passwort!! passwort#1 passwort00 passwort007 passwort01 passwort1
passwort1! passwort12 passwort123 passwort123! passwort1234 passwort1234! passwort12345 passwort123456
passwort123456! passwort1234567 passwort12345678 passwort2020 passwort2021 passwort2022 passwort2023
passwort2024 passwort2025 passwort2026 passwort2027 passwort69 passwort99 passwort? passwort@123
passwortpasswort patriots patriots! patriots!! patriots#1 patriots00 patriots007 patriots01 patriots1
patriots1! patriots12 patriots123 patriots123! patriots1234 patriots1234! patriots12345 patriots123456
patriots123456! patriots1234567 patriots12345678 patriots2020 patriots2021 patriots2022 patriots2023
patriots2024 patriots2025 patriots2026 patriots2027 patriots69 patriots99 patriots? patriots@123
patriotspatriots pepper pepper! pepper!! pepper#1 pepper00 pepper007 pepper01 pepper1 pepper1! pepper12
pepper123 pepper123! pepper1234 pepper1234! pepper12345 pepper123456 pepper123456! pepper1234567
pepper12345678 pepper2020 pepper2021 pepper2022 pepper2023 pepper2024 pepper2025 pepper2026 pepper2027
pepper69 pepper99 pepper? pepper@123 pepperpepper pineapple pineapple! pineapple!! pineapple#1 pineapple00
pineapple007 pineapple01 pineapple1 pineapple1! pineapple12 pineapple123 pineapple123! pineapple1234
pineapple1234! pineapple12345 pineapple123456 pineapple123456! pineapple1234567 pineapple12345678
pineapple2020 pineapple2021 pineapple2022 pineapple2023 pineapple2024 pineapple2025 pineapple2026
pineapple2027 pineapple69 pineapple99 pineapple? pineapple@123 pineapplepineapple pizza pizza! pizza!! pizza#1
pizza00 pizza007 pizza01 pizza1 pizza1! pizza12 pizza123 pizza123! pizza1234 pizza1234! pizza12345 pizza123456
pizza123456! pizza1234567 pizza12345678 pizza2020 pizza2021 pizza2022 pizza2023 pizza2024 pizza2025 pizza2026
pizza2027 pizza69 pizza99 pizza? pizza@123 pizzapizza player player! player!! player#1 player00 player007
player01 player1 player1! player12 player123 player123! player1234 player1234! player12345 player123456
player123456! player1234567 player12345678 player2020 player2021 player2022 player2023 player2024 player2025
player2026 player2027 player69 player99 player? player@123 playerplayer pokemon pokemon! pokemon!! pokemon#1
pokemon00 pokemon007 pokemon01 pokemon1 pokemon1! pokemon12 pokemon123 pokemon123! pokemon1234 pokemon1234!
pokemon12345 pokemon123456 pokemon123456! pokemon1234567 pokemon12345678 pokemon2020 pokemon2021 pokemon2022
pokemon2023 pokemon2024 pokemon2025 pokemon2026 pokemon2027 pokemon69 pokemon99 pokemon? pokemon@123
pokemonpokemon porsche porsche! porsche!! porsche#1 porsche00 porsche007 porsche01 porsche1 porsche1!
porsche12 porsche123 porsche123! porsche1234 porsche1234! porsche12345 porsche123456 porsche123456!
porsche1234567 porsche12345678 porsche2020 porsche2021 porsche2022 porsche2023 porsche2024 porsche2025
porsche2026 porsche2027 porsche69 porsche99 porsche? porsche@123 porscheporsche princess princess! princess!!
princess#1 princess00 princess007 princess01 princess1 princess1! princess12 princess123 princess123!
princess1234 princess1234! princess12345 princess123456 princess123456! princess1234567 princess12345678
princess2020 princess2021 princess2022 princess2023 princess2024 princess2025 princess2026 princess2027
princess69 princess99 princess? princess@123 princessprincess purple purple! purple!! purple#1 purple00
purple007 purple01 purple1 purple1! purple12 purple123 purple123! purple1234 purple1234! purple12345
purple123456 purple123456! purple1234567 purple12345678 purple2020 purple2021 purple2022 purple2023 purple2024
purple2025 purple2026 purple2027 purple69 purple99 purple? purple@123 purplepurple q1w2e3r4 q1w2e3r4t5y6
q1w2e3r4t5y6u7 qazwsx qazwsx! qazwsx!! qazwsx#1 qazwsx00 qazwsx007 qazwsx01 qazwsx1 qazwsx1! qazwsx12
qazwsx123 qazwsx123! qazwsx1234 qazwsx1234! qazwsx12345 qazwsx123456 qazwsx123456! qazwsx1234567
qazwsx12345678 qazwsx2020 qazwsx2021 qazwsx2022 qazwsx2023 qazwsx2024 qazwsx2025 qazwsx2026 qazwsx2027
qazwsx69 qazwsx99 qazwsx? qazwsx@123 qazwsxedc qazwsxedc! qazwsxedc!! qazwsxedc#1 qazwsxedc00 qazwsxedc007
qazwsxedc01 qazwsxedc1 qazwsxedc1! qazwsxedc12 qazwsxedc123 qazwsxedc123! qazwsxedc1234 qazwsxedc1234!
qazwsxedc12345 qazwsxedc123456 qazwsxedc123456! qazwsxedc1234567 qazwsxedc12345678 qazwsxedc2020 qazwsxedc2021
qazwsxedc2022 qazwsxedc2023 qazwsxedc2024 qazwsxedc2025 qazwsxedc2026 qazwsxedc2027 qazwsxedc69 qazwsxedc99
qazwsxedc? qazwsxedc@123 qazwsxedcqazwsxedc qazwsxedcrfv qazwsxedcrfvtgb qazwsxqazwsx qweasdzxc qweasdzxc123
qwer1234 qwerty qwerty! qwerty!! qwerty#1 qwerty00 qwerty007 qwerty01 qwerty1 qwerty1! qwerty12 qwerty123
qwerty123! qwerty1234 qwerty1234! qwerty12345 qwerty123456 qwerty123456! qwerty1234567 qwerty12345678
qwerty2020 qwerty2021 qwerty2022 qwerty2023 qwerty2024 qwerty2025 qwerty2026 qwerty2027 qwerty69 qwerty99
qwerty? qwerty@123 qwertyqwerty qwertyuiop qwertyuiop! qwertyuiop!! qwertyuiop#1 qwertyuiop00 qwertyuiop007
qwertyuiop01 qwertyuiop1 qwertyuiop1! qwertyuiop12 qwertyuiop123 qwertyuiop123! qwertyuiop1234 qwertyuiop1234!
qwertyuiop12345 qwertyuiop123456 qwertyuiop123456! qwertyuiop1234567 qwertyuiop12345678 qwertyuiop2020
qwertyuiop2021 qwertyuiop2022 qwertyuiop2023 qwertyuiop2024 qwertyuiop2025 qwertyuiop2026 qwertyuiop2027
qwertyuiop69 qwertyuiop99 qwertyuiop? qwertyuiop@123 qwertyuiopasdf qwertyuiopasdfgh qwertyuiopasdfghjkl
qwertyuiopasdfghjkl! qwertyuiopasdfghjkl!! qwertyuiopasdfghjkl#1 qwertyuiopasdfghjkl00 qwertyuiopasdfghjkl007
qwertyuiopasdfghjkl01 qwertyuiopasdfghjkl1 qwertyuiopasdfghjkl1! qwertyuiopasdfghjkl12 qwertyuiopasdfghjkl123
qwertyuiopasdfghjkl123! qwertyuiopasdfghjkl1234 qwertyuiopasdfghjkl1234! qwertyuiopasdfghjkl12345
qwertyuiopasdfghjkl123456 qwertyuiopasdfghjkl123456! qwertyuiopasdfghjkl1234567 qwertyuiopasdfghjkl12345678
qwertyuiopasdfghjkl2020 qwertyuiopasdfghjkl2021 qwertyuiopasdfghjkl2022 qwertyuiopasdfghjkl2023
qwertyuiopasdfghjkl2024 qwertyuiopasdfghjkl2025 qwertyuiopasdfghjkl2026 qwertyuiopasdfghjkl2027
qwertyuiopasdfghjkl69 qwertyuiopasdfghjkl99 qwertyuiopasdfghjkl? qwertyuiopasdfghjkl@123
qwertyuiopasdfghjklqwertyuiopasdfghjkl qwertyuiopqwertyuiop rainbow rainbow! rainbow!! rainbow#1 rainbow00
rainbow007 rainbow01 rainbow1 rainbow1! rainbow12 rainbow123 rainbow123! rainbow1234 rainbow1234! rainbow12345
rainbow123456 rainbow123456! rainbow1234567 rainbow12345678 rainbow2020 rainbow2021 rainbow2022 rainbow2023
rainbow2024 rainbow2025 rainbow2026 rainbow2027 rainbow69 rainbow99 rainbow? rainbow@123 rainbowrainbow ranger
ranger! ranger!! ranger#1 ranger00 ranger007 ranger01 ranger1 ranger1! ranger12 ranger123 ranger123!
ranger1234 ranger1234! ranger12345 ranger123456 ranger123456! ranger1234567 ranger12345678 ranger2020
ranger2021 ranger2022 ranger2023 ranger2024 ranger2025 ranger2026 ranger2027 ranger69 ranger99 ranger?
ranger@123 rangerranger realmadrid rihanna robert robert! robert!! robert#1 robert00 robert007 robert01
robert1 robert1! robert12 robert123 robert123! robert1234 robert1234! robert12345 robert123456 robert123456!
robert1234567 robert12345678 robert2020 robert2021 robert2022 robert2023 robert2024 robert2025 robert2026
robert2027 robert69 robert99 robert? robert@123 robertrobert roblox roblox! roblox!! roblox#1 roblox00
roblox007 roblox01 roblox1 roblox1! roblox12 roblox123 roblox123! roblox1234 roblox1234! roblox12345
roblox123456 roblox123456! roblox1234567 roblox12345678 roblox2020 roblox2021 roblox2022 roblox2023 roblox2024
roblox2025 roblox2026 roblox2027 roblox69 roblox99 roblox? roblox@123 robloxroblox rockyou root russia samsung
samurai samurai! samurai!! samurai#1 samurai00 samurai007 samurai01 samurai1 samurai1! samurai12 samurai123
samurai123! samurai1234 samurai1234! samurai12345 samurai123456 samurai123456! samurai1234567 samurai12345678
samurai2020 samurai2021 samurai2022 samurai2023 samurai2024 samurai2025 samurai2026 samurai2027 samurai69
samurai99 samurai? samurai@123 samuraisamurai satan saturday schatz schatz! schatz!! schatz#1 schatz00
schatz007 schatz01 schatz1 schatz1! schatz12 schatz123 schatz123! schatz1234 schatz1234! schatz12345
schatz123456 schatz123456! schatz1234567 schatz12345678 schatz2020 schatz2021 schatz2022 schatz2023 schatz2024
schatz2025 schatz2026 schatz2027 schatz69 schatz99 schatz? schatz@123 schatzschatz secret secret! secret!!
secret#1 secret00 secret007 secret01 secret1 secret1! secret12 secret123 secret123! secret1234 secret1234!
secret12345 secret123456 secret123456! secret1234567 secret12345678 secret2020 secret2021 secret2022
secret2023 secret2024 secret2025 secret2026 secret2027 secret69 secret99 secret? secret@123 secretsecret
secure secure! secure!! secure#1 secure00 secure007 secure01 secure1 secure1! secure12 secure123 secure123!
secure1234 secure1234! secure12345 secure123456 secure123456! secure1234567 secure12345678 secure2020
secure2021 secure2022 secure2023 secure2024 secure2025 secure2026 secure2027 secure69 secure99 secure?
secure@123 securesecure security security! security!! security#1 security00 security007 security01 security1
security1! security12 security123 security123! security1234 security1234! security12345 security123456
security123456! security1234567 security12345678 security2020 security2021 security2022 security2023
security2024 security2025 security2026 security2027 security69 security99 security? security@123
securitysecurity september server server! server!! server#1 server00 server007 server01 server1 server1!
server12 server123 server123! server1234 server1234! server12345 server123456 server123456! server1234567
server12345678 server2020 server2021 server2022 server2023 server2024 server2025 server2026 server2027
server69 server99 server? server@123 serverserver shadow shadow! shadow!! shadow#1 shadow00 shadow007 shadow01
shadow1 shadow1! shadow12 shadow123 shadow123! shadow1234 shadow1234! shadow12345 shadow123456 shadow123456!
shadow1234567 shadow12345678 shadow2020 shadow2021 shadow2022 shadow2023 shadow2024 shadow2025 shadow2026
shadow2027 shadow69 shadow99 shadow? shadow@123 shadowshadow silver silver! silver!! silver#1 silver00
silver007 silver01 silver1 silver1! silver12 silver123 silver123! silver1234 silver1234! silver12345
silver123456 silver123456! silver1234567 silver12345678 silver2020 silver2021 silver2022 silver2023 silver2024
silver2025 silver2026 silver2027 silver69 silver99 silver? silver@123 silversilver slipknot soccer soccer!
soccer!! soccer#1 soccer00 soccer007 soccer01 soccer1 soccer1! soccer12 soccer123 soccer123! soccer1234
soccer1234! soccer12345 soccer123456 soccer123456! soccer1234567 soccer12345678 soccer2020 soccer2021
soccer2022 soccer2023 soccer2024 soccer2025 soccer2026 soccer2027 soccer69 soccer99 soccer? soccer@123
soccersoccer soleil soleil! soleil!! soleil#1 soleil00 soleil007 soleil01 soleil1 soleil1! soleil12 soleil123
soleil123! soleil1234 soleil1234! soleil12345 soleil123456 soleil123456! soleil1234567 soleil12345678
soleil2020 soleil2021 soleil2022 soleil2023 soleil2024 soleil2025 soleil2026 soleil2027 soleil69 soleil99
soleil? soleil@123 soleilsoleil spiderman spiderman! spiderman!! spiderman#1 spiderman00 spiderman007
spiderman01 spiderman1 spiderman1! spiderman12 spiderman123 spiderman123! spiderman1234 spiderman1234!
spiderman12345 spiderman123456 spiderman123456! spiderman1234567 spiderman12345678 spiderman2020 spiderman2021
spiderman2022 spiderman2023 spiderman2024 spiderman2025 spiderman2026 spiderman2027 spiderman69 spiderman99
spiderman? spiderman@123 spidermanspiderman spring spring! spring!! spring#1 spring00 spring007 spring01
spring1 spring1! spring12 spring123 spring123! spring1234 spring1234! spring12345 spring123456 spring123456!
spring1234567 spring12345678 spring2020 spring2021 spring2022 spring2023 spring2024 spring2025 spring2026
spring2027 spring69 spring99 spring? spring@123 springspring starwars starwars! starwars!! starwars#1
starwars00 starwars007 starwars01 starwars1 starwars1! starwars12 starwars123 starwars123! starwars1234
starwars1234! starwars12345 starwars123456 starwars123456! starwars1234567 starwars12345678 starwars2020
starwars2021 starwars2022 starwars2023 starwars2024 starwars2025 starwars2026 starwars2027 starwars69
starwars99 starwars? starwars@123 starwarsstarwars steelers steelers! steelers!! steelers#1 steelers00
steelers007 steelers01 steelers1 steelers1! steelers12 steelers123 steelers123! steelers1234 steelers1234!
steelers12345 steelers123456 steelers123456! steelers1234567 steelers12345678 steelers2020 steelers2021
steelers2022 steelers2023 steelers2024 steelers2025 steelers2026 steelers2027 steelers69 steelers99 steelers?
steelers@123 steelerssteelers strawberry strawberry! strawberry!! strawberry#1 strawberry00 strawberry007
strawberry01 strawberry1 strawberry1! strawberry12 strawberry123 strawberry123! strawberry1234 strawberry1234!
strawberry12345 strawberry123456 strawberry123456! strawberry1234567 strawberry12345678 strawberry2020
strawberry2021 strawberry2022 strawberry2023 strawberry2024 strawberry2025 strawberry2026 strawberry2027
strawberry69 strawberry99 strawberry? strawberry@123 strawberrystrawberry summer summer! summer!! summer#1
summer00 summer007 summer01 summer1 summer1! summer12 summer123 summer123! summer1234 summer1234! summer12345
summer123456 summer123456! summer1234567 summer12345678 summer2020 summer2021 summer2022 summer2023 summer2024
summer2025 summer2026 summer2027 summer69 summer99 summer? summer@123 summersummer sunday sunshine sunshine!
sunshine!! sunshine#1 sunshine00 sunshine007 sunshine01 sunshine1 sunshine1! sunshine12 sunshine123
sunshine123! sunshine1234 sunshine1234! sunshine12345 sunshine123456 sunshine123456! sunshine1234567
sunshine12345678 sunshine2020 sunshine2021 sunshine2022 sunshine2023 sunshine2024 sunshine2025 sunshine2026
sunshine2027 sunshine69 sunshine99 sunshine? sunshine@123 sunshinesunshine superman superman! superman!!
superman#1 superman00 superman007 superman01 superman1 superman1! superman12 superman123 superman123!
superman1234 superman1234! superman12345 superman123456 superman123456! superman1234567 superman12345678
superman2020 superman2021 superman2022 superman2023 superman2024 superman2025 superman2026 superman2027
superman69 superman99 superman? superman@123 supermansuperman superpassword supersecret123 supervisor
supervisor! supervisor!! supervisor#1 supervisor00 supervisor007 supervisor01 supervisor1 supervisor1!
supervisor12 supervisor123 supervisor123! supervisor1234 supervisor1234! supervisor12345 supervisor123456
supervisor123456! supervisor1234567 supervisor12345678 supervisor2020 supervisor2021 supervisor2022
supervisor2023 supervisor2024 supervisor2025 supervisor2026 supervisor2027 supervisor69 supervisor99
supervisor? supervisor@123 supervisorsupervisor system system! system!! system#1 system00 system007 system01
system1 system1! system12 system123 system123! system1234 system1234! system12345 system123456 system123456!
system1234567 system12345678 system2020 system2021 system2022 system2023 system2024 system2025 system2026
system2027 system69 system99 system? system@123 systemsystem taylor taylorswift teller teller! teller!!
teller#1 teller00 teller007 teller01 teller1 teller1! teller12 teller123 teller123! teller1234 teller1234!
teller12345 teller123456 teller123456! teller1234567 teller12345678 teller2020 teller2021 teller2022
teller2023 teller2024 teller2025 teller2026 teller2027 teller69 teller99 teller? teller@123 tellerteller
theadmin theadministrator theandrew theasdfghjkl theashley theautumn thebaseball thebasketball thebatman
thebuster thecharlie thecomputer thedaniel thedragon thefootball thefreedom theginger thehockey thehunter
theiloveyou theinternet thejennifer thejessica thejoshua theletmein themaggie themaster thematthew themichael
themonkey thep@ssw0rd thepa55w0rd thepassw0rd thepassword thepepper thepokemon theprincess theqazwsx
theqazwsxedc theqwerty theqwertyuiop theqwertyuiopasdfghjkl theranger therobert theshadow thesoccer
thespiderman thespring thestarwars thesummer thesunshine thesuperman thethomas thetigger thetrustno1
thewelcome thewhatever thewinter thezaq1xsw2 thezxcvbnm thomas thomas! thomas!! thomas#1 thomas00 thomas007
thomas01 thomas1 thomas1! thomas12 thomas123 thomas123! thomas1234 thomas1234! thomas12345 thomas123456
thomas123456! thomas1234567 thomas12345678 thomas2020 thomas2021 thomas2022 thomas2023 thomas2024 thomas2025
thomas2026 thomas2027 thomas69 thomas99 thomas? thomas@123 thomasthomas thunder thunder! thunder!! thunder#1
thunder00 thunder007 thunder01 thunder1 thunder1! thunder12 thunder123 thunder123! thunder1234 thunder1234!
thunder12345 thunder123456 thunder123456! thunder1234567 thunder12345678 thunder2020 thunder2021 thunder2022
thunder2023 thunder2024 thunder2025 thunder2026 thunder2027 thunder69 thunder99 thunder? thunder@123
thunderthunder thursday tigger tigger! tigger!! tigger#1 tigger00 tigger007 tigger01 tigger1 tigger1! tigger12
tigger123 tigger123! tigger1234 tigger1234! tigger12345 tigger123456 tigger123456! tigger1234567
tigger12345678 tigger2020 tigger2021 tigger2022 tigger2023 tigger2024 tigger2025 tigger2026 tigger2027
tigger69 tigger99 tigger? tigger@123 tiggertigger toor trustno1 trustno1! trustno1!! trustno1#1 trustno100
trustno1007 trustno101 trustno11 trustno11! trustno112 trustno1123 trustno1123! trustno11234 trustno11234!
trustno112345 trustno1123456 trustno1123456! trustno11234567 trustno112345678 trustno12020 trustno12021
trustno12022 trustno12023 trustno12024 trustno12025 trustno12026 trustno12027 trustno169 trustno199 trustno1?
trustno1@123 trustno1trustno1 tuesday twitter ubuntu vault vault! vault!! vault#1 vault00 vault007 vault01
vault1 vault1! vault12 vault123 vault123! vault1234 vault1234! vault12345 vault123456 vault123456!
vault1234567 vault12345678 vault2020 vault2021 vault2022 vault2023 vault2024 vault2025 vault2026 vault2027
vault69 vault99 vault? vault@123 vaultvault victory victory! victory!! victory#1 victory00 victory007
victory01 victory1 victory1! victory12 victory123 victory123! victory1234 victory1234! victory12345
victory123456 victory123456! victory1234567 victory12345678 victory2020 victory2021 victory2022 victory2023
victory2024 victory2025 victory2026 victory2027 victory69 victory99 victory? victory@123 victoryvictory
warrior warrior! warrior!! warrior#1 warrior00 warrior007 warrior01 warrior1 warrior1! warrior12 warrior123
warrior123! warrior1234 warrior1234! warrior12345 warrior123456 warrior123456! warrior1234567 warrior12345678
warrior2020 warrior2021 warrior2022 warrior2023 warrior2024 warrior2025 warrior2026 warrior2027 warrior69
warrior99 warrior? warrior@123 warriorwarrior wednesday welcome welcome! welcome!! welcome#1 welcome00
welcome007 welcome01 welcome1 welcome1! welcome1!! welcome1#1 welcome100 welcome1007 welcome101 welcome11
welcome11! welcome112 welcome1123 welcome1123! welcome11234 welcome11234! welcome112345 welcome1123456
welcome1123456! welcome11234567 welcome112345678 welcome12 welcome12020 welcome12021 welcome12022 welcome12023
welcome12024 welcome12025 welcome12026 welcome12027 welcome123 welcome123! welcome1234 welcome1234!
welcome12345 welcome123456 welcome123456! welcome1234567 welcome12345678 welcome169 welcome199 welcome1?
welcome1@123 welcome1welcome1 welcome2020 welcome2021 welcome2022 welcome2023 welcome2024 welcome2025
welcome2026 welcome2027 welcome69 welcome99 welcome? welcome@123 welcomewelcome whatever whatever! whatever!!
whatever#1 whatever00 whatever007 whatever01 whatever1 whatever1! whatever12 whatever123 whatever123!
whatever1234 whatever1234! whatever12345 whatever123456 whatever123456! whatever1234567 whatever12345678
whatever2020 whatever2021 whatever2022 whatever2023 whatever2024 whatever2025 whatever2026 whatever2027
whatever69 whatever99 whatever? whatever@123 whateverwhatever windows winner winner! winner!! winner#1
winner00 winner007 winner01 winner1 winner1! winner12 winner123 winner123! winner1234 winner1234! winner12345
winner123456 winner123456! winner1234567 winner12345678 winner2020 winner2021 winner2022 winner2023 winner2024
winner2025 winner2026 winner2027 winner69 winner99 winner? winner@123 winnerwinner winter winter! winter!!
winter#1 winter00 winter007 winter01 winter1 winter1! winter12 winter123 winter123! winter1234 winter1234!
winter12345 winter123456 winter123456! winter1234567 winter12345678 winter2020 winter2021 winter2022
winter2023 winter2024 winter2025 winter2026 winter2027 winter69 winter99 winter? winter@123 winterwinter
wizard wizard! wizard!! wizard#1 wizard00 wizard007 wizard01 wizard1 wizard1! wizard12 wizard123 wizard123!
wizard1234 wizard1234! wizard12345 wizard123456 wizard123456! wizard1234567 wizard12345678 wizard2020
wizard2021 wizard2022 wizard2023 wizard2024 wizard2025 wizard2026 wizard2027 wizard69 wizard99 wizard?
wizard@123 wizardwizard yamaha yamaha! yamaha!! yamaha#1 yamaha00 yamaha007 yamaha01 yamaha1 yamaha1! yamaha12
yamaha123 yamaha123! yamaha1234 yamaha1234! yamaha12345 yamaha123456 yamaha123456! yamaha1234567
yamaha12345678 yamaha2020 yamaha2021 yamaha2022 yamaha2023 yamaha2024 yamaha2025 yamaha2026 yamaha2027
yamaha69 yamaha99 yamaha? yamaha@123 yamahayamaha yankees yankees! yankees!! yankees#1 yankees00 yankees007
yankees01 yankees1 yankees1! yankees12 yankees123 yankees123! yankees1234 yankees1234! yankees12345
yankees123456 yankees123456! yankees1234567 yankees12345678 yankees2020 yankees2021 yankees2022 yankees2023
yankees2024 yankees2025 yankees2026 yankees2027 yankees69 yankees99 yankees? yankees@123 yankeesyankees yellow
yellow! yellow!! yellow#1 yellow00 yellow007 yellow01 yellow1 yellow1! yellow12 yellow123 yellow123!
yellow1234 yellow1234! yellow12345 yellow123456 yellow123456! yellow1234567 yellow12345678 yellow2020
yellow2021 yellow2022 yellow2023 yellow2024 yellow2025 yellow2026 yellow2027 yellow69 yellow99 yellow?
yellow@123 yellowyellow youtube zaq12wsx zaq12wsxcde3 zaq12wsxcde34rfv zaq1xsw2 zaq1xsw2! zaq1xsw2!!
zaq1xsw2#1 zaq1xsw200 zaq1xsw2007 zaq1xsw201 zaq1xsw21 zaq1xsw21! zaq1xsw212 zaq1xsw2123 zaq1xsw2123!
zaq1xsw21234 zaq1xsw21234! zaq1xsw212345 zaq1xsw2123456 zaq1xsw2123456! zaq1xsw21234567 zaq1xsw212345678
zaq1xsw22020 zaq1xsw22021 zaq1xsw22022 zaq1xsw22023 zaq1xsw22024 zaq1xsw22025 zaq1xsw22026 zaq1xsw22027
zaq1xsw269 zaq1xsw299 zaq1xsw2? zaq1xsw2@123 zaq1xsw2zaq1xsw2 zxcvbn zxcvbnm zxcvbnm! zxcvbnm!! zxcvbnm#1
zxcvbnm00 zxcvbnm007 zxcvbnm01 zxcvbnm1 zxcvbnm1! zxcvbnm12 zxcvbnm123 zxcvbnm123! zxcvbnm1234 zxcvbnm1234!
zxcvbnm12345 zxcvbnm123456 zxcvbnm123456! zxcvbnm1234567 zxcvbnm12345678 zxcvbnm2020 zxcvbnm2021 zxcvbnm2022
zxcvbnm2023 zxcvbnm2024 zxcvbnm2025 zxcvbnm2026 zxcvbnm2027 zxcvbnm69 zxcvbnm99 zxcvbnm? zxcvbnm@123
zxcvbnmasdfghjkl zxcvbnmzxcvbnm
`;
