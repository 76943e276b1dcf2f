import csv, re
O1="Children and young people in Kent get the best start in life"
O2="Kent communities feel the benefits of economic growth by being in-work, healthy and enjoying a good quality of life"
O3="Older and vulnerable residents are safe and supported with choices to live independently"
O4="KCC complies with all legislation relating to Libraries, Registration Services and Archives"
S = {
 "1.1":(O1,"Kent's communities are resilient and provide strong and safe environments to successfully raise children and young people"),
 "1.2":(O1,"The attainment gap between disadvantaged young people and their peers continues to close"),
 "1.3":(O1,"All children, irrespective of background, are ready for school at age 5"),
 "1.4":(O1,"Children and young people have better physical and mental health"),
 "1.5":(O1,"Kent young people are confident and ambitious with choices and access to work, education and training opportunities"),
 "2.1":(O2,"Physical and mental health is improved by supporting people to take more responsibility for their own health and wellbeing"),
 "2.2":(O2,"Kent business growth is supported by having access to a well skilled local workforce with improved transport, broadband and necessary infrastructure"),
 "2.3":(O2,"Kent residents enjoy a good quality of life, and more people benefit from greater social, cultural and sporting opportunities"),
 "2.4":(O2,"All Kent's communities benefit from economic growth and lower levels of deprivation"),
 "3.1":(O3,"Families and carers of vulnerable and older people have access to the advice, information and support they need"),
 "3.2":(O3,"People with mental health issues and dementia are assessed and treated earlier and are supported to live well"),
 "3.3":(O3,"Older and vulnerable residents feel socially included"),
 "4.1":(O4,"KCC complies with all legislation relating to Libraries, Registration Services and Archives"),
}
AO="Area operations"; AR="Archives"; SD="Service Development"; ST="Stock"; RG="Registration"
FIXED={AR:"archives@example.org",SD:"service-development@example.org",ST:"stock@example.org",RG:"registration@example.org"}
MGR={AO:"head.operations@example.org",AR:"head.archives@example.org",SD:"head.service-development@example.org",ST:"head.stock@example.org",RG:"head.registration@example.org"}
CW="Countywide"
rows = [
("1.1",AO,"MakerSpace Day to promote Code Club and Maker Space events","ONS and profiling data show children in wards in central Gravesend wards are more disadvantaged","Gravesham"),
("1.1",AO,"Develop Code Clubs using young volunteers","ONS and profiling data show children in wards in central Gravesend wards are more disadvantaged","Gravesham"),
("1.1",AO,"Gypsy Roma - target schools for Summer Reading Challenge","Identified significant population in catchment area for 3 branches","Maidstone"),
("1.1",AO,"Work with Children's Centres to address low attainment","High level of Family Basics (M) and Rural Reality (G) Urban Cohesion (I)","Shepway"),
("1.1",AO,"Deliver Chill with Dads with Homestart sessions","High level of Family Basics (M)","Ashford"),
("1.1",AR,"Local History Collections - create uniform approach to collection management & new spaces for collections when libraries are being refurbished.","Ensure collections are accessible and used within the communities they represent.",CW),
("1.1",SD,"Review schools offer (A1)*","Drop in school usage following introduction of charges & schools' request for mobile service",CW),
("1.2",AO,"Big Talk - small play","Profiling data shows high level of Family Basics (M)","Dover;Thanet"),
("1.2",SD,"Establish Film Club pilot – work with Operations team to identify locations to pilot","Has proved successful in fostering social development/inter-personal relationships, confidence and critical thinking. To be piloted in areas identified as having young people facing disadvantage","Dover;Thanet;Shepway;Gravesham;Swale"),
("1.2",SD,"Build on the work done to develop Code Clubs by establishing a Makerspace pilot","Areas of high level of young people and deprivation. Targets audience we are trying to encourage into libraries (teen boys)","To be confirmed"),
("1.3",AO,"National Bookstart week events","Target locations with above average numbers of 0-4s","Tonbridge"),
("1.3",AO,"Introduce a Toddler Time session","Target locations with above average numbers of 0-4s","Ashford"),
("1.4",AO,"Continue to promote and increase use of Wellbeing Zone","Public Health identified Sittingbourne as a high health risk population","Swale"),
("1.4",AO,"World Mental Health Day Speak up CIC wellbeing Zone. Form partnership to encourage teenagers with mental health issues to use the library","High levels of disability claimants in Dover. Can be assumed a number of these have Mental Health issues. Promotion to existing partners.","Dover"),
("1.4",AO,"BOP Shelf Life launched with Youth Hub","Target locations with low level qualifications 16+","Tonbridge"),
("1.4",AO,"Health and wellbeing activity for young people (the activity text is not legible in the source document; confirm with the owner)","Demographic indicators for poor health","Dartford;Sevenoaks"),
("1.4",AO,"Engage with Youth Hub. Provide an offer for Youth Workers and another for Hub users","Target locations with low level qualifications 16+","Tonbridge"),
("1.4",AO,"World Book Night with local youth facility","Location identified as those 16+ having low qualifications 49% (Kent 37%)","Maidstone"),
("1.4",AO,"Promoting homework clubs at schools","Targeted using demographic data on academic attainment","Gravesham"),
("1.4",ST,"Working with the Operations team to support, promote and roll-out the Summer Reading Challenge 2016 \"The Big Friendly Read\" in celebration of Roald Dahl","To increase the number of children drawn into their local libraries to inspire them to read for pleasure",CW),
("1.4",SD,"Support promotion & roll out of Year 6 to 7 ASCEL transition app. National initiative aimed at keeping young people engaged with reading when moving to secondary school.","Target audience we are trying to encourage into libraries",CW),
("1.4",AR,"Work with heritage partners to widen access to archive collections to young people. History week with Maidstone Museum for Key Stage 2","Profiling shows that Mosaic groups M and D are under-represented in archives users",CW),
("1.5",AO,"Summer Reading Challenge volunteering opportunities","Location identified as those 16+ having low qualifications 49% (Kent 37%)","Maidstone"),
("1.5",AO,"Apprentices","Location identified as those 16+ having low qualifications 49% (Kent 37%)","Maidstone"),
("1.5",AO,"Job Club","Northfleet North - highest level of long term unemployment in District","Gravesham"),
("1.5",AO,"Aim to recruit volunteers to run job clubs","Low employment rates in Gravesend","Gravesham"),
("1.5",AO,"Work with Community Learning & Skills to get Young Adults - passport to the library","Encourage young people to engage with library in a more positive way","Dover"),
("2.1",AO,"Introduce new partners to the Health Zones","Location identified as having high levels of Family Basic (M)","Tonbridge"),
("2.1",AO,"Develop Healthwatch drop-ins","Location identified as having high levels of Transient Renters (L) and Family Basics (M)","Ashford"),
("2.1",AO,"Deliver health themed event during Self Care Week (November)","Location identified as having high levels of Transient Renters (L) and Family Basics (M)","Ashford"),
("2.1",AO,"Promote Shelf Help (books on prescription) aimed at years 13-19 to professionals who support this age group","Location identified as having high levels of Transient Renters (L) and Family Basics (M)","Ashford;Shepway"),
("2.1",AO,"Introduce a new Talk Time","Location identified as having high levels of Rural Reality (G)","Shepway"),
("2.1",ST,"Develop joint strategy with service development teams on additional stock support for the health & wellbeing initiatives.","Better use of wider stock collections, to enable sustainability of initiatives within available resources.",CW),
("2.2",AO,"Contact and develop links with seasonal workers. Assess demand for dual language books. Possible meet and practice English group","Significant population on profiling tool – and, anecdotally, significant numbers who may not appear in statistics","Maidstone"),
("2.2",AO,"Deliver work and careers advice across the district through partnership working","Profiling shows need to provide regular job clubs and info about accessing work","Tunbridge Wells"),
("2.2",AO,"Set up volunteer run job club for Adults with learning difficulties","Low qualifications above average and local community would benefit","Sevenoaks"),
("2.2",ST,"Develop new collection policy, stock and delivery of the community language collections shifting from county reserve to circulating collections on the open shelf.","Better focused service supporting current needs and requirements, providing accessible, browsable, refreshed collections at service point.",CW),
("2.2",SD,"Assisted Digital: LRA part of framework agreement with Society of Chief Librarians to bid for government contracts to support people acquiring basic IT skills/accessing on-line services.","National income-generating initiative",CW),
("2.3",AO,"Coffee Cart - sustain through volunteering","Supporting employment and training skills in Maidstone. Also supports income generation","Maidstone"),
("2.3",AO,"Queen's birthday: participation in events – including special citizenship ceremony for 90 people at Danson House","Celebration of the Queen's 90th Birthday",CW),
("2.3",AO,"Host events for Whitstable Literature Festival and support Town Read – to increase borrowers in these groups","Suburban Stability (E) and Senior Security (F) are highest groups with fewer library users","Canterbury"),
("2.3",AO,"Shakespeare event on World Book Night","Location identified as having high levels of Thriving families (D)","Tonbridge"),
("2.3",AO,"Meet and Practice English group to be established in Folkestone","Identified older Ghurka and Roma population","Shepway"),
("2.3",AO,"Establish a Knit and Natter group","Poor take up in Vintage Value (N) group compared to library users. Charing above average 70+","Ashford"),
("2.3",AO,"Enhance Local History section","Development of Dartford Library as a cultural hub - shared aspiration with Dartford DC","Dartford"),
("2.3",ST,"Streamline music stock collections and amalgamate into fewer but better stocked collections.","Small out-of date collections spread across the county, which are not issuing.",CW),
("2.3",SD,"Celebration activities/events linked to SCL/BBC Get Reading campaign: Shakespeare 400th anniversary, Awesome Authors & Books that made Britain","Work with Operations to target activities based on local knowledge of need/interest",CW),
("2.3",SD,"Tunbridge Wells Cultural Hub (B1)*","Key partnership project with Tunbridge Wells Borough Council and Community Learning and Skills. Building in need of investment.","Tunbridge Wells"),
("2.3",SD,"Southborough Community Hub - library re-located into the new community hub building (B1)*","Partnership project with Tunbridge Wells Borough Council and Southborough Town Council. Current building library is located is in need of significant investment","Tunbridge Wells"),
("2.3",SD,"Meopham Library re-location","The school where the current library is based is being demolished. Rebuild not include public library space so public library will be relocated on another part of the school site.","Gravesham"),
("2.3",SD,"Dartford Library Plus","Asset collaboration to maximise use of KCC estate, and opportunity to work in partnership with KCC Good Day programme and Dartford Borough Council to widen access to services in Dartford Library","Dartford"),
("2.3",RG,"Development of heritage offer. Aim to recruit volunteers to run heritage open days","Service development","Bexley"),
("2.3",RG,"Establish a Café at Danson House","Income generation opportunity","Bexley"),
("2.4",AO,"Develop artisan pop up shops in a library location","High levels of unemployment","Thanet"),
("2.4",RG,"Promote Danson House and look for business opportunities locally","Income generation","Bexley"),
("2.4",ST,"Development of the supplier selection and acquisition of prison library stock","Better stock provision tailored to the needs of the prison community","Prisons"),
("3.1",AO,"Colouring Groups for Adults","Number using library in groups (F & N), Disability claimants, over 70s, Mental Health stats","Thanet"),
("3.2",AO,"MIND group","Groups benefit from social interaction and signposting to service offerings","Dartford"),
("3.2",AO,"Rethink (Asian women with mental health issues) and Asperger Support Group","Groups will benefit from social interaction and signposting to service offerings","Gravesham"),
("3.2",AO,"Monitor the CCG's Social Prescribing initiative through pilots and adapt activities based on demand and feedback.","Involvement in health pilot aimed at tackling social inclusion. Increases attendance to activities and volunteering","Canterbury;Swale"),
("3.3",AO,"Promote work for those with dementia","Supporting KCC DFC agenda in location of high Senior Security (F) and Vintage Value (N)","Shepway"),
("3.3",AO,"Deliver new, regular Reminiscence Box talk time sessions throughout the District.","Above average levels of 70+ in location","Tunbridge Wells"),
("3.3",AO,"World book Night activity with ILS and Meet and Practice English groups","Ashford has higher representation of black and minority ethnic communities than county average","Ashford"),
("3.3",AO,"Older peoples day","Locations identified as having above average levels of 70+","Dover;Thanet"),
("3.3",AR,"Licence Internet Agreement - to provide access to materials digitally","Tender process completed and digitisation commenced",CW),
("3.3",ST,"Development of Collection HQ as the key tool for stock work including target setting and further staff guidance","Improving the use of stock and well presented at the service point to meet the needs of customers.",CW),
("4.1",AO,"Searchroom training - integrated programme for staff - measured by customer satisfaction","Reduced customer satisfaction recorded in comment cards by Archive Users","Maidstone"),
("4.1",AO,"Good to Great customer service trial","Support GET customer service strategy","Dover;Thanet"),
("4.1",AR,"Retain Place of Deposit status from the National Archives and meet PD 5424 for security and storage of Archives (B4)*","Requirement of Archives Accreditation",CW),
("4.1",AR,"3 year National Archives funded Manorial Records Project to end in March 2019","The Manorial Records Act requirement",CW),
("4.1",AR,"Deliver training to district staff working with local collections to create greater knowledge and understanding of the collections and answering queries.","Feedback from customers",CW),
("4.1",AR,"Generate income to achieve target through: in house digitisation; Licence Internet agreement; funding for HLF/BFI for Hopping Exhibition; HLF Skills for the future; Kent History Project – publication (B4)*","Income generation/service need",CW),
("4.1",RG,"Introduce Enhanced RO ceremonies - following a successful pilot in Canterbury","Income generation opportunity",CW),
("4.1",RG,"Review ceremony fees","Feedback from Approved Premises",CW),
("4.1",RG,"Promote Welcoming Ceremonies at Birth registrations","Income generation opportunity",CW),
("4.1",RG,"Establish a procedure for retention and disposal of documents","Requirement under revision of the KPTs for Registration",CW),
("4.1",RG,"Develop a strategy for Counterfraud and Public Protection to meet the new Home Office requirements","Public Protection and Counter-fraud",CW),
("4.1",RG,"Develop a training programme for Nationality Checking Service/Joint Citizenship & Passport service (B5)*","Service development",CW),
("4.1",RG,"Informants ID documents to be produced at registrations","Public Protection and Counter-fraud",CW),
("4.1",ST,"Set up and rollout of stock rotation plans","Creates ongoing choice within limited resources, optimising issues and customer satisfaction.",CW),
("4.1",ST,"Portfolio of stock guidance for all staff","Guidance for frontline staff. Current guidance needs updating and difficult to locate.",CW),
("4.1",ST,"Deliver new collection development policy, including core stock principles and policies for selection, acquisition and disposal.","Provides a framework for the growth and development of library stock to support the service core objectives.",CW),
("4.1",ST,"New stock disposal policy and guidelines/procedures for decommissioned and withdrawn stock","Income generation opportunity",CW),
("4.1",ST,"Review fees and charges for the Music & Drama Service","Income generation opportunity",CW),
("4.1",ST,"Re-organisation of stock and related services for the delivery of new mobile service.","Stock re-presented and fit for purpose for the new mobile service.",CW),
("4.1",SD,"Implementation of the Mobile library Service redesign (C1)*","Usage and visits of the mobile library service have declined in recent years and a full review has now been completed utilising data on our customers and usage of the service.",CW),
]
def slug(d): return re.sub(r'[^a-z]+','-',d.lower()).strip('-')
counters={}
out=[]
for so,fn,act,just,dist in rows:
    counters[so]=counters.get(so,0)+1
    aid=f"LRA-{so}.{counters[so]:02d}"
    refs=re.findall(r'\(([A-Z]{1,2}\d)\)\*',act)
    act_clean=re.sub(r'\s*\(([A-Z]{1,2}\d)\)\*','',act).strip()
    ds=dist.split(';')
    if fn==AO:
        owner="operations@example.org" if ds[0]==CW else f"area-ops.{slug(ds[0])}@example.org"
        deputy=f"area-ops.{slug(ds[1])}@example.org" if len(ds)>1 else ""
    else:
        owner=FIXED[fn]; deputy=""
    o,s=S[so]
    out.append([aid,o,s,fn,act_clean,just,dist,";".join(refs),owner,deputy,MGR[fn]])
with open('samples/lra-2016-17/activities.csv','w',newline='',encoding='utf-8') as f:
    w=csv.writer(f,lineterminator='\n')
    w.writerow(["activity_id","outcome","supporting_outcome","function","activity","justification","district","priority_refs","owner","deputy","manager"])
    w.writerows(out)
print(len(out), "activities;", len(set(r[8] for r in out)|set(r[9] for r in out if r[9])), "owners")
k=[
("LRA06","Customer satisfaction with Birth and Death Registration","kpi","percent","higher",90,95,"","","","","","","","","registration@example.org"),
("LRA07","Customer satisfaction with ceremonies","kpi","percent","higher",90,95,"","","","","","","","","registration@example.org"),
("LRA12","Customer satisfaction with Libraries (Revised)","kpi","percent","higher",90,95,"","","","","","","","","service-development@example.org"),
("LRA13","Customer satisfaction with Archives (New)","kpi","percent","higher",82,90,"","","","","","","","","archives@example.org"),
("DT09","% of automated book renewals (online, self-service and automated phone) (New)","kpi","percent","higher",71,75,"","","","","","","","","service-development@example.org"),
("DT10","Birth Registration appointment booked online","kpi","percent","higher",69,75,"","","","","","","","","registration@example.org"),
("LRA14","Number of customers using outreach services (Home Library Service, and Touch a New World)","kpi","count","higher",1500,1600,"","","","","","","","","service-development@example.org"),
("LRA15","Total number of customers attending events in Libraries and Archives - 000s","kpi","thousands","higher",200,210,"","","","","","","","","service-development@example.org"),
("LRA16","Number of archival documents utilised by the public - physical and digital","kpi","count","higher",41565,42500,"","","","","","","","","archives@example.org"),
("LRA01","Number of visits to static libraries (excluding mobiles due to current redesign of service) - 000s","indicator","thousands","higher","","",1159,1268,1279,1399,1100,1204,1078,1180,"performance@example.org"),
("LRA02","Number of books issued (includes eBooks and audio books) - 000s","indicator","thousands","higher","","",1135,1240,1270,1390,1105,1210,1085,1185,"performance@example.org"),
("LRA04","Number of online contacts to Libraries, Registration and Archives - 000s","indicator","thousands","higher","","",288,314,356,388,315,343,354,385,"performance@example.org"),
("LRA05","Number of ceremonies conducted by KCC officers, including Bexley","indicator","count","higher","","",1600,1800,2500,2800,1070,1200,600,660,"registration@example.org"),
]
with open('samples/lra-2016-17/kpis.csv','w',newline='',encoding='utf-8') as f:
    w=csv.writer(f,lineterminator='\n')
    w.writerow(["ref","description","kind","unit","direction","floor","target","q1_lower","q1_upper","q2_lower","q2_upper","q3_lower","q3_upper","q4_lower","q4_upper","owner"])
    w.writerows(k)
